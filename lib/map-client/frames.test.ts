import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, MessageType } from '@/lib/sync/protocol';
import { classifyFrame, CLOSE_ACCESS_CHANGED, CLOSE_LOAD_FAILED, MESSAGE_ACK, MESSAGE_ERROR, readAck, readError } from './frames';

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

describe('classifyFrame (which outgoing frames the server acknowledges)', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hello');

  it('sync step 1 is not document-changing', () => {
    const data = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(classifyFrame(data)).toBe('other');
  });

  it('sync step 2 is document-changing', () => {
    const data = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, doc);
    });
    expect(classifyFrame(data)).toBe('step2');
  });

  it('an update is document-changing, as bytes, ArrayBuffer or a view', () => {
    const data = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
    });
    expect(classifyFrame(data)).toBe('update');
    expect(classifyFrame(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength))).toBe('update');
    const padded = new Uint8Array(data.length + 4);
    padded.set(data, 4);
    expect(classifyFrame(new DataView(padded.buffer, 4, data.length))).toBe('update');
  });

  it('awareness, query-awareness and auth frames are not', () => {
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ cursor: { x: 1, y: 2 } });
    const aw = frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    });
    expect(classifyFrame(aw)).toBe('other');
    expect(classifyFrame(frame((e) => encoding.writeVarUint(e, 3)))).toBe('other');
    expect(
      classifyFrame(
        frame((e) => {
          encoding.writeVarUint(e, 2);
          encoding.writeVarUint(e, 1);
        }),
      ),
    ).toBe('other');
    awareness.destroy();
  });

  it('text, empty, truncated and garbage frames are not', () => {
    expect(classifyFrame('hello')).toBe('other');
    expect(classifyFrame(new Uint8Array())).toBe('other');
    expect(classifyFrame(new Uint8Array([0]))).toBe('other');
    expect(classifyFrame(new Uint8Array([0, 0x80]))).toBe('other'); // varUint cut short
    expect(classifyFrame(new Uint8Array([0, 7, 1]))).toBe('other'); // unknown sync sub-type
    expect(classifyFrame(null)).toBe('other');
  });
});

describe('ack and error frames', () => {
  it('reads the ack count', () => {
    const data = frame((e) => {
      encoding.writeVarUint(e, 100);
      encoding.writeVarUint(e, 3);
    });
    const d = decoding.createDecoder(data);
    expect(decoding.readVarUint(d)).toBe(100);
    expect(readAck(d)).toBe(3);
  });

  it('reads the error code and message; unknown codes stay unknown', () => {
    const make = (code: string) =>
      frame((e) => {
        encoding.writeVarUint(e, 101);
        encoding.writeVarString(e, code);
        encoding.writeVarString(e, 'details for logs');
      });
    for (const code of ['read-only', 'doc-too-large', 'rate-limited'] as const) {
      const d = decoding.createDecoder(make(code));
      decoding.readVarUint(d);
      expect(readError(d)).toEqual({ code, message: 'details for logs' });
    }
    const d = decoding.createDecoder(make('surprise'));
    decoding.readVarUint(d);
    expect(readError(d).code).toBe('unknown');
  });
});

describe('the client\'s copy of the wire constants', () => {
  it('matches the sync server\'s message types and close codes', () => {
    expect([MESSAGE_ACK, MESSAGE_ERROR]).toEqual([MessageType.ack, MessageType.error]);
    expect([CLOSE_ACCESS_CHANGED, CLOSE_LOAD_FAILED]).toEqual([CloseCode.accessChanged, CloseCode.loadFailed]);
  });
});
