import net from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteCoalescer } from './write-coalescer';

/** A Writable that records each underlying write: one entry per write or writev call. */
function recorder() {
  const calls: string[][] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      calls.push([chunk.toString()]);
      cb();
    },
    writev(chunks, cb) {
      calls.push(chunks.map((c) => (c.chunk as Buffer).toString()));
      cb();
    },
  });
  return { stream, calls };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WriteCoalescer', () => {
  const sockets: net.Socket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.destroy();
  });

  it('sends what a socket got during one turn of the event loop as one write, in order', async () => {
    const coalescer = new WriteCoalescer(Infinity); // grouping only: no hold limit on a slow machine
    const a = recorder();
    const b = recorder();
    for (const [i, r] of [a, b, a, a, b].entries()) {
      coalescer.hold(r.stream);
      r.stream.write(`f${i}`);
    }
    expect(a.calls).toEqual([]);
    expect(b.calls).toEqual([]);
    expect(coalescer.size).toBe(2);
    await turn();
    expect(a.calls).toEqual([['f0', 'f2', 'f3']]);
    expect(b.calls).toEqual([['f1', 'f4']]);
    expect(coalescer.size).toBe(0);
  });

  it('keeps a socket that someone else corked corked until they uncork it', async () => {
    const coalescer = new WriteCoalescer(Infinity); // grouping only: no hold limit on a slow machine
    const r = recorder();
    r.stream.cork(); // e.g. ws's own cork around a frame's header and payload
    coalescer.hold(r.stream);
    r.stream.write('x');
    await turn();
    expect(r.calls).toEqual([]);
    r.stream.uncork();
    expect(r.calls).toEqual([['x']]);
  });

  it('flush() writes at once; later writes start a new hold', async () => {
    const coalescer = new WriteCoalescer(Infinity); // grouping only: no hold limit on a slow machine
    const r = recorder();
    coalescer.hold(r.stream);
    r.stream.write('1');
    coalescer.flush();
    expect(r.calls).toEqual([['1']]);
    coalescer.hold(r.stream);
    r.stream.write('2');
    r.stream.write('3');
    await turn();
    expect(r.calls).toEqual([['1'], ['2', '3']]);
  });

  it('lets held writes go at the next send once they were held longer than maxHoldMs', async () => {
    const coalescer = new WriteCoalescer(5);
    const a = recorder();
    const b = recorder();
    coalescer.hold(a.stream);
    a.stream.write('a1');
    const start = performance.now();
    while (performance.now() - start < 8); // a long turn: a burst of frames being handled
    expect(a.calls).toEqual([]);
    coalescer.hold(b.stream); // the next send flushes what waited too long
    b.stream.write('b1');
    expect(a.calls).toEqual([['a1']]);
    coalescer.hold(a.stream);
    a.stream.write('a2');
    a.stream.write('a3');
    expect(b.calls).toEqual([]);
    await turn();
    expect(a.calls).toEqual([['a1'], ['a2', 'a3']]);
    expect(b.calls).toEqual([['b1']]);
  });

  it('ignores a destroyed socket and survives one destroyed while held', async () => {
    const coalescer = new WriteCoalescer(Infinity); // grouping only: no hold limit on a slow machine
    const dead = recorder();
    dead.stream.destroy();
    coalescer.hold(dead.stream);
    expect(coalescer.size).toBe(0);
    const r = recorder();
    coalescer.hold(r.stream);
    r.stream.destroy();
    await turn();
    expect(coalescer.size).toBe(0);
  });

  it('delivers every byte over real TCP, in order, in fewer writes than frames', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
    const client = net.connect(port, '127.0.0.1');
    sockets.push(client);
    await new Promise((resolve) => client.once('connect', resolve));
    const peer = await accepted;
    sockets.push(peer);
    let received = '';
    peer.on('data', (d) => (received += d.toString()));
    const coalescer = new WriteCoalescer(Infinity); // grouping only: no hold limit on a slow machine
    let writes = 0;
    const original = (client as unknown as { _writev: (...a: unknown[]) => void })._writev.bind(client);
    (client as unknown as { _writev: (...a: unknown[]) => void })._writev = (...args: unknown[]) => {
      writes++;
      original(...args);
    };
    const expected: string[] = [];
    for (let i = 0; i < 50; i++) {
      coalescer.hold(client);
      client.write(`<${i}>`);
      expected.push(`<${i}>`);
    }
    await turn();
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`received only ${received.length} bytes`)), 2000);
      const check = () => (received === expected.join('') ? (clearTimeout(deadline), resolve()) : setTimeout(check, 5));
      check();
    });
    expect(writes).toBe(1);
    server.close();
  });
});
