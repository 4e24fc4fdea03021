import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onLeave } from '../src/lib/use-form-draft';
import { ChecklistItemView } from '../src/components/field/ChecklistItem';
import type { ChecklistItem } from '../src/lib/field-records';

const ITEM: ChecklistItem = {
  id: 'i7',
  position: 7,
  kind: 'text',
  label: '意见',
  required: false,
  options: null,
  unit: null,
  hint: null,
};

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => setVisibility('visible'));

describe('saving when the page may end', () => {
  it('saves on pagehide and when the tab goes to the background, not when it comes back', () => {
    const save = vi.fn();
    const off = onLeave(save);
    window.dispatchEvent(new Event('pagehide'));
    expect(save).toHaveBeenCalledTimes(1);
    setVisibility('hidden');
    expect(save).toHaveBeenCalledTimes(2);
    setVisibility('visible');
    expect(save).toHaveBeenCalledTimes(2);
    off();
    window.dispatchEvent(new Event('pagehide'));
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('commits a checklist answer typed within the 800 ms delay when the page goes away', async () => {
    const root = document.createElement('div');
    document.body.appendChild(root);
    const onAnswer = vi.fn();
    render(
      <ChecklistItemView
        item={ITEM}
        value={null}
        disabled={false}
        onAnswer={onAnswer}
        onPhotos={async () => undefined}
        photos={[]}
        fix={null}
      />,
      root,
    );
    await new Promise((r) => setTimeout(r, 30)); // Preact runs effects after paint
    const box = root.querySelector('textarea')!;
    box.value = '群众反映使用正常';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    expect(onAnswer).not.toHaveBeenCalled(); // still inside the debounce
    window.dispatchEvent(new Event('pagehide'));
    expect(onAnswer).toHaveBeenCalledTimes(1);
    expect(onAnswer.mock.calls[0]![1]).toBe('群众反映使用正常');
    // and typing left inside the delay when the screen closes is saved too
    box.value = '群众反映使用正常，已核实';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    render(null, root);
    expect(onAnswer).toHaveBeenCalledTimes(2);
    expect(onAnswer.mock.calls[1]![1]).toBe('群众反映使用正常，已核实');
    root.remove();
  });
});
