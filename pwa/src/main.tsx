import { render } from 'preact';
import { App } from './app';
// one stylesheet split by responsibility: the order matters (later rules win), keep it
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/components.css';
import './styles/pages.css';
import './styles/responsive.css';

render(<App />, document.getElementById('app')!);
