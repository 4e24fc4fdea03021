/**
 * Test environment for the sync layer: an in-memory IndexedDB (fake-indexeddb) and Node's Blob,
 * which — unlike happy-dom's — survives IndexedDB's structured clone, as a browser's does.
 */
import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';

globalThis.Blob = NodeBlob as unknown as typeof Blob;

let counter = 0;
/** A database name no other test uses. */
export function freshDbName(): string {
  counter += 1;
  return `xianchang-test-${Date.now()}-${counter}`;
}
