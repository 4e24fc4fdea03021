import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ThumbState, thumbUpload } from '../src/components/field/PhotoPicker';

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

function show(upload: Parameters<typeof ThumbState>[0]['upload']): HTMLElement {
  root = document.createElement('div');
  document.body.appendChild(root);
  render(<ThumbState upload={upload} />, root);
  return root;
}

describe('a thumbnail’s upload state', () => {
  it('waits at 0 before any byte of it went', () => {
    expect(thumbUpload(false, 'waiting', undefined)).toEqual({ kind: 'waiting', fraction: 0 });
    expect(thumbUpload(true, undefined, undefined)).toEqual({ kind: 'waiting', fraction: 0 });
  });

  it('follows the share of its bytes sent in this run', () => {
    expect(thumbUpload(false, 'waiting', 0.4)).toEqual({ kind: 'waiting', fraction: 0.4 });
  });

  it('is done when its last byte went, before the phone’s figures are read again', () => {
    expect(thumbUpload(false, 'waiting', 1)).toEqual({ kind: 'done' });
  });

  it('is done once uploaded, and failed when the upload gave up', () => {
    expect(thumbUpload(false, 'uploaded', undefined)).toEqual({ kind: 'done' });
    expect(thumbUpload(false, 'failed', 0.3)).toEqual({ kind: 'failed' });
  });
});

describe('the mark drawn on the thumbnail', () => {
  it('draws a bar as wide as the share of its bytes sent', () => {
    const el = show({ kind: 'waiting', fraction: 0.42 });
    const bar = el.querySelector('[data-testid=thumb-progress]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect((bar.firstElementChild as HTMLElement).style.width).toBe('42%');
    expect(el.textContent).toContain('待上传');
  });

  it('draws no bar but ✓ 已上传 when done', () => {
    const el = show({ kind: 'done' });
    expect(el.querySelector('[data-testid=thumb-progress]')).toBeNull();
    expect(el.querySelector('[data-testid=thumb-done]')!.textContent).toBe('✓ 已上传');
  });
});
