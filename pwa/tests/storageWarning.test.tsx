import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reloadLang } from '../src/i18n';
import { StorageWarning } from '../src/components/StorageWarning';

const MB = 1024 * 1024;
const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const settle = () => new Promise((r) => setTimeout(r, 50));

let root: HTMLElement;
beforeEach(() => {
  localStorage.clear();
  reloadLang();
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('the low-storage warning', () => {
  it('is shown with the room left when space runs low', async () => {
    const estimate = async () => ({ usage: 900 * MB, quota: 1000 * MB, ratio: 0.9 });
    render(<StorageWarning estimate={estimate} />, root);
    await settle();
    expect($('storage-warning')!.textContent).toContain('存储空间不足：仅剩 100 MB');
    expect($('storage-warning')!.querySelector('a')!.getAttribute('href')).toBe('/settings');
  });

  it('stays away with room to spare or no figures', async () => {
    render(
      <StorageWarning
        estimate={async () => ({ usage: 10 * MB, quota: 4000 * MB, ratio: 0.0025 })}
      />,
      root,
    );
    await settle();
    expect($('storage-warning')).toBeNull();
    render(<StorageWarning estimate={async () => null} />, root);
    await settle();
    expect($('storage-warning')).toBeNull();
  });
});
