import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { FrameCache, binaryFrame, binaryFrameHeader, writeFrame } from './wire';

// ws's own framer and parser (exported by the package, not declared by @types/ws).
const { Receiver, Sender } = createRequire(import.meta.url)('ws') as {
  Receiver: new (options: { isServer: boolean; maxPayload: number; skipUTF8Validation: boolean }) => Writable & EventEmitter;
  Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] };
};

const bytesOf = (wire: Buffer | [Buffer, Uint8Array]) => (Buffer.isBuffer(wire) ? wire : Buffer.concat(wire));

/** What `ws` itself writes for a server's binary frame. */
const wsFrame = (payload: Uint8Array) =>
  Buffer.concat(Sender.frame(Buffer.from(payload), { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false }));

/** Parses frames the way a client's `ws` does. */
function receive(bytes: Buffer): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const messages: Buffer[] = [];
    const receiver = new Receiver({ isServer: false, maxPayload: 0, skipUTF8Validation: true });
    receiver.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) reject(new Error('not binary'));
      messages.push(Buffer.from(data));
    });
    receiver.on('error', reject);
    receiver.write(bytes, () => resolve(messages));
  });
}

describe('[PR5] server frames, framed once', () => {
  const sizes = [0, 1, 125, 126, 127, 65_535, 65_536, 65_537, 200_000];
  const payload = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);

  it.each(sizes)('a %i-byte payload is framed byte for byte as ws frames it', async (n) => {
    const data = payload(n);
    const wire = bytesOf(binaryFrame(data));
    expect(wire.equals(wsFrame(data))).toBe(true);
    const [message] = await receive(wire);
    expect(message.equals(Buffer.from(data))).toBe(true);
  });

  it('small payloads are one buffer (one write); big ones are header + payload, not copied', () => {
    expect(Buffer.isBuffer(binaryFrame(payload(64 * 1024)))).toBe(true);
    const big = payload(64 * 1024 + 1);
    const wire = binaryFrame(big);
    expect(Array.isArray(wire)).toBe(true);
    expect((wire as [Buffer, Uint8Array])[1]).toBe(big);
  });

  it('the header refuses lengths that are not byte counts', () => {
    expect(() => binaryFrameHeader(-1)).toThrow(RangeError);
    expect(() => binaryFrameHeader(1.5)).toThrow(RangeError);
    expect(binaryFrameHeader(2 ** 32 + 5).equals(Buffer.from([0x82, 127, 0, 0, 0, 1, 0, 0, 0, 5]))).toBe(true);
  });

  it('a cache frames the same payload once and a new payload anew', () => {
    const cache = new FrameCache();
    const a = payload(10);
    const first = cache.frame(a);
    expect(cache.frame(a)).toBe(first);
    const b = payload(10); // equal bytes, another frame
    expect(cache.frame(b)).not.toBe(first);
    expect(bytesOf(cache.frame(b)).equals(bytesOf(first))).toBe(true);
  });

  it('frames written back to back arrive whole and in order, and each write reports when done', async () => {
    const socket = new PassThrough();
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const sent = [payload(3), payload(70_000), payload(126)];
    let written = 0;
    for (const data of sent) writeFrame(socket, binaryFrame(data), () => written++);
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toBe(3);
    const messages = await receive(Buffer.concat(chunks));
    expect(messages.map((m) => m.length)).toEqual([3, 70_000, 126]);
    messages.forEach((m, i) => expect(m.equals(Buffer.from(sent[i]))).toBe(true));
  });
});
