/**
 * tus-js-client's browser XHR stack, imported by path in tests (vitest resolves the Node build).
 */
declare module 'tus-js-client/lib.esm/browser/httpStack.js' {
  import type { HttpRequest, HttpStack } from 'tus-js-client';
  export default class XHRHttpStack implements HttpStack {
    createRequest(method: string, url: string): HttpRequest;
    getName(): string;
  }
}
