// Reading the frames of /sync/<mapId> on the client: which outgoing frames the server will
// acknowledge (lib/sync/SPEC.md [AK1]) and the server's own ack and error messages.
import * as decoding from 'lib0/decoding';

export const MESSAGE_SYNC = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;
export const MESSAGE_ACK = 100;
export const MESSAGE_ERROR = 101;
/** The sync server's close codes the editor reacts to (lib/sync/protocol.ts `CloseCode`). */
export const CLOSE_ACCESS_CHANGED = 4403;
export const CLOSE_LOAD_FAILED = 4500;

/** `step2` and `update` frames change the document and are acknowledged; everything else is not. */
export type FrameKind = 'step2' | 'update' | 'other';

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/** Classifies an outgoing frame by its first two varUints. Text, blobs and garbage are 'other'. */
export function classifyFrame(data: unknown): FrameKind {
  const bytes = bytesOf(data);
  if (!bytes || bytes.length < 2) return 'other';
  try {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return 'other';
    const sub = decoding.readVarUint(decoder);
    if (sub === SYNC_STEP2) return 'step2';
    if (sub === SYNC_UPDATE) return 'update';
    return 'other';
  } catch {
    return 'other';
  }
}

/** The body of an ack frame, after its message type: how many frames it acknowledges. */
export function readAck(decoder: decoding.Decoder): number {
  const count = decoding.readVarUint(decoder);
  return Number.isSafeInteger(count) && count > 0 ? count : 0;
}

export type SyncErrorCode = 'read-only' | 'doc-too-large' | 'rate-limited' | 'unknown';

/** The body of an error frame, after its message type. Unknown codes are kept as 'unknown'. */
export function readError(decoder: decoding.Decoder): {
  code: SyncErrorCode;
  message: string;
} {
  const code = decoding.readVarString(decoder);
  const message = decoding.hasContent(decoder) ? decoding.readVarString(decoder) : '';
  const known: SyncErrorCode[] = ['read-only', 'doc-too-large', 'rate-limited'];
  return {
    code: (known as string[]).includes(code) ? (code as SyncErrorCode) : 'unknown',
    message,
  };
}
