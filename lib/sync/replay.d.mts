// Types of replay.mjs.
import type * as Y from 'yjs';

/** Re-applies the document's pending structs as a whole (see replay.mjs). */
export declare function retryPending(doc: Y.Doc, origin: unknown): void;
/** Snapshot + log rows (commit order) → one garbage-collected update (see replay.mjs). */
export declare function replayUpdates(parts: readonly Uint8Array[]): Uint8Array;
