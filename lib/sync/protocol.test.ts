import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import {
  MessageType,
  ProtocolError,
  decodeAck,
  decodeAwarenessUpdate,
  decodeClientMessage,
  decodeError,
  encodeAck,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeError,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  isDocChanging,
} from './protocol';

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

function protocolErrorOf(fn: () => unknown): ProtocolError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProtocolError);
    return err as ProtocolError;
  }
  throw new Error('expected a ProtocolError');
}

describe('protocol', () => {
  it('[PR1] decodes what the stock y-protocols encoders write', () => {
    const doc = docWithText('hello');
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, 0);
    syncProtocol.writeSyncStep1(step1, doc);
    expect(decodeClientMessage(encoding.toUint8Array(step1))).toEqual({
      type: 'sync-step1',
      stateVector: Y.encodeStateVector(doc),
    });

    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, 0);
    syncProtocol.writeSyncStep2(step2, doc);
    const decoded2 = decodeClientMessage(encoding.toUint8Array(step2));
    expect(decoded2.type).toBe('sync-step2');
    expect(isDocChanging(decoded2)).toBe(true);

    const update = Y.encodeStateAsUpdate(doc);
    const upd = encoding.createEncoder();
    encoding.writeVarUint(upd, 0);
    syncProtocol.writeUpdate(upd, update);
    expect(decodeClientMessage(encoding.toUint8Array(upd))).toEqual({ type: 'update', update });

    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalStateField('user', { name: 'A' });
    const aw = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    const decodedAw = decodeClientMessage(aw);
    expect(decodedAw.type).toBe('awareness');
    expect(isDocChanging(decodedAw)).toBe(false);
    awareness.destroy();

    expect(decodeClientMessage(encodeQueryAwareness())).toEqual({ type: 'query-awareness' });
    expect(decodeClientMessage(new Uint8Array([MessageType.auth, 0, 0]))).toEqual({ type: 'auth' });
  });

  it('[PR1] our encoders round-trip through our decoder', () => {
    const update = Y.encodeStateAsUpdate(docWithText('x'));
    expect(decodeClientMessage(encodeSyncStep1(new Uint8Array([1, 2])))).toEqual({
      type: 'sync-step1',
      stateVector: new Uint8Array([1, 2]),
    });
    expect(decodeClientMessage(encodeSyncStep2(update))).toEqual({ type: 'sync-step2', update });
    expect(decodeClientMessage(encodeUpdate(update))).toEqual({ type: 'update', update });
  });

  it('[AK1] ack frame is [varUint 100, varUint count]', () => {
    expect([...encodeAck(1)]).toEqual([100, 1]);
    expect([...encodeAck(300)]).toEqual([100, 0xac, 0x02]);
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 40 }), (n) => decodeAck(encodeAck(n)) === n));
    expect(() => encodeAck(0)).toThrow(RangeError);
  });

  it('[ER1] error frame is [varUint 101, varString code, varString message]', () => {
    const frame = encodeError('read-only', 'nope ✋');
    expect(frame[0]).toBe(101);
    expect(decodeError(frame)).toEqual({ code: 'read-only', message: 'nope ✋' });
  });

  it('[PR2] a client may not send acks, errors or unknown types: 1002', () => {
    expect(protocolErrorOf(() => decodeClientMessage(encodeAck(1))).code).toBe(1002);
    expect(protocolErrorOf(() => decodeClientMessage(encodeError('read-only', 'x'))).code).toBe(1002);
    expect(protocolErrorOf(() => decodeClientMessage(new Uint8Array([7]))).code).toBe(1002);
    expect(protocolErrorOf(() => decodeClientMessage(new Uint8Array([0, 9, 0]))).code).toBe(1002);
  });

  it('[PR2] truncated frames and trailing bytes: 1007', () => {
    expect(protocolErrorOf(() => decodeClientMessage(new Uint8Array([]))).code).toBe(1007);
    expect(protocolErrorOf(() => decodeClientMessage(new Uint8Array([0]))).code).toBe(1007);
    expect(protocolErrorOf(() => decodeClientMessage(new Uint8Array([0, 2, 5, 1]))).code).toBe(1007);
    expect(protocolErrorOf(() => decodeClientMessage(new Uint8Array([0, 2, 1, 1, 9]))).code).toBe(1007);
    expect(protocolErrorOf(() => decodeClientMessage(new Uint8Array([3, 0]))).code).toBe(1007);
    // a varUint that never ends
    expect(protocolErrorOf(() => decodeClientMessage(new Uint8Array([0xff, 0xff, 0xff]))).code).toBe(1007);
  });

  it('[PR2] random bytes never throw anything but a ProtocolError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeClientMessage(bytes);
        } catch (err) {
          return err instanceof ProtocolError;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('[AW1] awareness updates decode strictly and round-trip', () => {
    const entries = [
      { clientId: 1, clock: 3, state: { user: { name: 'A' }, cursor: null } },
      { clientId: 2 ** 32 - 1, clock: 0, state: null },
    ];
    expect(decodeAwarenessUpdate(encodeAwarenessUpdate(entries))).toEqual(entries);

    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalStateField('user', { name: 'B' });
    expect(decodeAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]))).toEqual([
      { clientId: doc.clientID, clock: 1, state: { user: { name: 'B' } } },
    ]);
    awareness.destroy();

    const raw = (state: string) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 5);
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, state);
      return encoding.toUint8Array(e);
    };
    expect(protocolErrorOf(() => decodeAwarenessUpdate(raw('{not json'))).code).toBe(1007);
    expect(protocolErrorOf(() => decodeAwarenessUpdate(raw('[1,2]'))).code).toBe(1007);
    expect(protocolErrorOf(() => decodeAwarenessUpdate(raw('"str"'))).code).toBe(1007);
    expect(decodeAwarenessUpdate(raw('null'))).toEqual([{ clientId: 5, clock: 1, state: null }]);
    expect(protocolErrorOf(() => decodeAwarenessUpdate(new Uint8Array([2, 1, 1]))).code).toBe(1007);
  });
});
