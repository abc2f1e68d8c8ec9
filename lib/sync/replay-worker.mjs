// The replay thread (started by replay-thread.ts): folds a big map's stored parts off the
// server's event loop. Request: { id, parts: Uint8Array[] } → the folded update (moved, not copied).
import { serve, transferring } from '../worker-rpc-serve.mjs';
import { replayUpdates } from './replay.mjs';

serve(({ parts }) => {
  const folded = replayUpdates(parts);
  return transferring(folded, [folded.buffer]);
});
