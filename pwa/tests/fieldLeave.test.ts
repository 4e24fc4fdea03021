import { afterEach, describe, expect, it, vi } from 'vitest';
import { onFieldLeave } from '../src/lib/use-form-draft';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a form’s typing is written when the user moves on', () => {
  it('saves at once when a field loses focus, not after the debounce', () => {
    const save = vi.fn();
    const off = onFieldLeave(save);
    const box = document.createElement('textarea');
    document.body.appendChild(box);
    box.focus();
    expect(save).not.toHaveBeenCalled();
    box.blur();
    expect(save).toHaveBeenCalledTimes(1);
    off();
    box.focus();
    box.blur();
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('still saves when the page ends', () => {
    const save = vi.fn();
    const off = onFieldLeave(save);
    window.dispatchEvent(new Event('pagehide'));
    expect(save).toHaveBeenCalledTimes(1);
    off();
  });
});
