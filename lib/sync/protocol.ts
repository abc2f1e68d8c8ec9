// The wire format of /sync/<mapId>: y-websocket's messages (sync, awareness) plus Lintas's ack
// and error frames. Pure encode/decode; nothing here touches a socket or a document's state.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MessageType = {
  sync: 0,
  awareness: 1,
  /** y-protocols' auth message: never sent by Lintas, ignored when received. */
  auth: 2,
  queryAwareness: 3,
  /** Server → client: `[100, count]`, see SPEC [AK1]. */
  ack: 100,
  /** Server → client: `[101, code, message]`, see SPEC [ER1]. */
  error: 101,
} as const;

export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

/** Codes of the error frame. A client can switch on them; the message is for logs. */
export type SyncErrorCode = 'read-only' | 'doc-too-large' | 'rate-limited';

/** WebSocket close codes the sync server uses (SPEC [CL1]). */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  tooBig: 1009,
  internalError: 1011,
  /** The room could not load the document; transient (the stock provider reconnects). */
  loadFailed: 4500,
  /**
   * [AC6] The caller's rights on the map changed (role, membership, archived, deleted) while the
   * socket was open. Final for the stock provider (4400–4499): the page reloads to learn the new ones.
   */
  accessChanged: 4403,
} as const;

/** A frame the server refuses to understand: the connection that sent it is closed with `code`. */
export class ProtocolError extends Error {
  constructor(
    readonly code: 1002 | 1003 | 1007 | 1009,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth' };

/** Sync step 2 and update frames: the ones that can change the document (and are acked). */
export function isDocChanging(message: ClientMessage): message is Extract<ClientMessage, { update: Uint8Array }> & {
  type: 'sync-step2' | 'update';
} {
  return message.type === 'sync-step2' || message.type === 'update';
}

function malformed(what: string): ProtocolError {
  return new ProtocolError(1007, `malformed ${what}`);
}

function readPayload(decoder: decoding.Decoder, what: string): Uint8Array {
  let payload: Uint8Array;
  try {
    payload = decoding.readVarUint8Array(decoder);
  } catch {
    throw malformed(what);
  }
  if (decoding.hasContent(decoder)) throw malformed(`${what} (trailing bytes)`);
  return payload;
}

function readType(decoder: decoding.Decoder, what: string): number {
  try {
    const value = decoding.readVarUint(decoder);
    // lib0 reads up to 53 bits; anything that large is no message type we know.
    if (!Number.isSafeInteger(value)) throw new Error();
    return value;
  } catch {
    throw malformed(what);
  }
}

/**
 * Decodes a frame from a client. Throws ProtocolError: 1007 for a malformed frame, 1002 for a
 * message type a client may not send (ack, error, or unknown). The payloads (updates, state
 * vectors, awareness) are checked by their own decoders later.
 */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data);
  const type = readType(decoder, 'message type');
  switch (type) {
    case MessageType.sync: {
      const sub = readType(decoder, 'sync message type');
      if (sub === SyncType.step1) return { type: 'sync-step1', stateVector: readPayload(decoder, 'sync step 1') };
      if (sub === SyncType.step2) return { type: 'sync-step2', update: readPayload(decoder, 'sync step 2') };
      if (sub === SyncType.update) return { type: 'update', update: readPayload(decoder, 'update') };
      throw new ProtocolError(1002, 'unknown sync message type');
    }
    case MessageType.awareness:
      return { type: 'awareness', update: readPayload(decoder, 'awareness message') };
    case MessageType.queryAwareness:
      if (decoding.hasContent(decoder)) throw malformed('query-awareness (trailing bytes)');
      return { type: 'query-awareness' };
    case MessageType.auth:
      return { type: 'auth' };
    default:
      throw new ProtocolError(1002, 'unknown message type');
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step1);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const encodeSyncStep2 = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step2);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeUpdate = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.update);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeAwareness = (awarenessUpdate: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });

export const encodeQueryAwareness = (): Uint8Array => frame((e) => encoding.writeVarUint(e, MessageType.queryAwareness));

export const encodeAck = (count: number): Uint8Array => {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`ack count must be a positive integer, got ${count}`);
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.ack);
    encoding.writeVarUint(e, count);
  });
};

export const encodeError = (code: SyncErrorCode, message: string): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.error);
    encoding.writeVarString(e, code);
    encoding.writeVarString(e, message);
  });

/** Reads an ack frame (for clients and tests). Throws on anything else. */
export function decodeAck(data: Uint8Array): number {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarUint(decoder) !== MessageType.ack) throw new Error('not an ack frame');
  return decoding.readVarUint(decoder);
}

/** Reads an error frame (for clients and tests). Throws on anything else. */
export function decodeError(data: Uint8Array): { code: string; message: string } {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarUint(decoder) !== MessageType.error) throw new Error('not an error frame');
  return readErrorBody(decoder);
}

/** The body of an error frame, after its type (for a provider's `messageHandlers[101]`). */
export function readErrorBody(decoder: decoding.Decoder): { code: string; message: string } {
  const code = decoding.readVarString(decoder);
  const message = decoding.readVarString(decoder);
  return { code, message };
}

// ---- awareness updates: [count, (clientID, clock, JSON state | "null")*] (y-protocols) ----

export type AwarenessState = Record<string, unknown>;

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** null: the client left. */
  state: AwarenessState | null;
}

/**
 * Decodes an awareness update strictly: a state must be a JSON object or null. Throws
 * ProtocolError(1007) otherwise, or when the bytes are malformed.
 */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const entries: AwarenessEntry[] = [];
  try {
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      if (!Number.isSafeInteger(clientId) || !Number.isSafeInteger(clock) || clientId > 0xffffffff) throw new Error();
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error();
      entries.push({ clientId, clock, state: state as AwarenessState | null });
    }
  } catch {
    throw malformed('awareness update');
  }
  if (decoding.hasContent(decoder)) throw malformed('awareness update (trailing bytes)');
  return entries;
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, JSON.stringify(entry.state));
    }
  });
}
