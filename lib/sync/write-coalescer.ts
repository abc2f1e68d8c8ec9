// [PR5] Frames sent to one socket during one turn of the event loop leave in one write.
//
// `ws` writes every frame at once (cork, header, payload, uncork: one writev each). A broadcast
// to 9 peers and an ack cost 10 system calls per edit, and a system call on loopback TCP also
// runs the receiver's side of the stack: in the sync bench (1,000 edits/s) `writev` was 27 % of
// the server's CPU. Under load the event loop reads many frames per turn; holding each socket's
// writes until the turn's check phase (setImmediate) sends what one peer gets in that turn in one
// writev. When the server is idle a turn is one frame, so nothing waits longer than it did.
// A long turn (a burst of frames) would hold the first frames for all of it: after `maxHoldMs`
// the held writes go out at the next send, and holding starts again.
import type { Writable } from 'node:stream';

export class WriteCoalescer {
  private readonly held = new Set<Writable>();
  private pending: NodeJS.Immediate | null = null;
  private since = 0;

  constructor(private readonly maxHoldMs = 2) {}

  /** Holds `socket`'s writes (cork) until this turn's check phase; a no-op when already held. */
  hold(socket: Writable): void {
    if (this.held.size > 0 && performance.now() - this.since > this.maxHoldMs) this.flush();
    if (this.held.has(socket) || socket.destroyed || !socket.writable) return;
    if (this.held.size === 0) this.since = performance.now();
    socket.cork();
    this.held.add(socket);
    this.pending ??= setImmediate(this.flush);
  }

  /** Writes everything held now (also called by the timer). */
  readonly flush = (): void => {
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
    const sockets = [...this.held];
    this.held.clear();
    for (const socket of sockets) socket.uncork();
  };

  /** Sockets currently held (for tests). */
  get size(): number {
    return this.held.size;
  }
}
