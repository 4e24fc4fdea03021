/** Wait in page tests: poll ``fn`` until it gives something truthy, or fail showing the page. */
export async function waitFor<T>(
  fn: () => T | null | undefined | false,
  timeout = 5000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() - start > timeout)
      throw new Error('waitFor timed out\n' + document.body.innerHTML.slice(0, 3000));
    await new Promise((r) => setTimeout(r, 10));
  }
}
