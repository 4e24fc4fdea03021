import { render } from 'preact';
import { App } from './app';
import { registerServiceWorker } from './lib/sw-update';
// one stylesheet split by responsibility: the order matters (later rules win), keep it
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/components.css';
import './styles/pages.css';
import './styles/responsive.css';
import './styles/shell.css';
import './styles/header.css';

render(<App />, document.getElementById('app')!);

// The service worker that lets the app start offline (built files only: the dev server has none).
if (import.meta.env.PROD) {
  window.addEventListener('load', () => void registerServiceWorker(), { once: true });
}
