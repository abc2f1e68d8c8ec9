// Server → client WebSocket framing for the sync server's sends ([PR5]). A room sends one frame
// to each of its connections in a loop; it is framed once (header and payload in one buffer) and
// that buffer is written to every socket, instead of `ws` framing it again per socket (a header
// buffer, cork, two writes, uncork: Node's writev path).
import type { Duplex } from 'node:stream';

/** Above this, a frame is written as header + payload (no copy) rather than copied into one buffer. */
const COPY_LIMIT = 64 * 1024;

/** The header of an unmasked, final, binary frame of `length` bytes (RFC 6455 §5.2). */
export function binaryFrameHeader(length: number): Buffer {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`bad frame length ${length}`);
  if (length < 126) return Buffer.from([0x82, length]);
  if (length < 0x10000) {
    const header = Buffer.allocUnsafe(4);
    header[0] = 0x82;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.allocUnsafe(10);
  header[0] = 0x82;
  header[1] = 127;
  header.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2);
  header.writeUInt32BE(length >>> 0, 6);
  return header;
}

/** The frame's bytes on the wire: one buffer for small payloads, header + payload otherwise. */
export function binaryFrame(payload: Uint8Array): Buffer | [Buffer, Uint8Array] {
  const header = binaryFrameHeader(payload.byteLength);
  if (payload.byteLength > COPY_LIMIT) return [header, payload];
  const wire = Buffer.allocUnsafe(header.length + payload.byteLength);
  header.copy(wire, 0);
  wire.set(payload, header.length);
  return wire;
}

/**
 * Frames `payload` once for a loop of sends: the last payload framed is remembered (by identity),
 * so a broadcast of one frame to N sockets frames it once.
 */
export class FrameCache {
  private payload: Uint8Array | null = null;
  private wire: Buffer | [Buffer, Uint8Array] | null = null;

  frame(payload: Uint8Array): Buffer | [Buffer, Uint8Array] {
    if (payload !== this.payload || !this.wire) {
      this.wire = binaryFrame(payload);
      this.payload = payload;
    }
    return this.wire;
  }
}

/**
 * Writes a framed payload to the socket `ws` was opened on. `ws` itself writes only synchronously
 * (no compression, no Blob sends), so whole frames never interleave. `written` runs once the
 * bytes left the process or the write failed.
 */
export function writeFrame(socket: Duplex, wire: Buffer | [Buffer, Uint8Array], written?: () => void): void {
  const done = written && (() => written());
  if (Buffer.isBuffer(wire)) {
    socket.write(wire, done);
    return;
  }
  socket.cork();
  socket.write(wire[0]);
  socket.write(wire[1], done);
  socket.uncork();
}
