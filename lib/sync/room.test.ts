// The room without sockets or a database: fake peers and an in-memory store.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import { deferred, MemoryMapStore } from '@/test/sync/memory-store';
import { resolveLimits, type Limits } from './limits';
import {
  MessageType,
  decodeAck,
  decodeAwarenessUpdate,
  decodeError,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol';
import { Room, bindIdentity, compactionThreshold, jittered, type Peer, type RoomTuning } from './room';

const MAP = '11111111-1111-4111-8111-111111111111';

class FakePeer implements Peer {
  frames: Uint8Array[] = [];
  closedWith: { code: number; reason: string } | null = null;
  bufferedAmount = 0;
  /** When true, `written` callbacks wait in `unwritten` until `release()`. */
  holdWrites = false;
  unwritten: (() => void)[] = [];
  send(frame: Uint8Array, written?: () => void) {
    this.frames.push(frame);
    if (!written) return;
    if (this.holdWrites) this.unwritten.push(written);
    else written();
  }
  release() {
    for (const written of this.unwritten.splice(0)) written();
  }
  close(code: number, reason: string) {
    this.closedWith ??= { code, reason };
  }
  ofType(type: number) {
    return this.frames.filter((f) => f[0] === type);
  }
  acked() {
    return this.ofType(MessageType.ack).reduce((n, f) => n + decodeAck(f), 0);
  }
  errors() {
    return this.ofType(MessageType.error).map((f) => decodeError(f).code);
  }
  /** Sync frames of the given sub type (0 step1, 1 step2, 2 update), as their payloads. */
  sync(sub: number) {
    return this.ofType(MessageType.sync)
      .filter((f) => f[1] === sub)
      .map((f) => {
        const d = decoding.createDecoder(f);
        decoding.readVarUint(d);
        decoding.readVarUint(d);
        return decoding.readVarUint8Array(d);
      });
  }
  awareness() {
    return this.ofType(MessageType.awareness).flatMap((f) => {
      const d = decoding.createDecoder(f);
      decoding.readVarUint(d);
      return decodeAwarenessUpdate(decoding.readVarUint8Array(d));
    });
  }
}

const rooms: Room[] = [];
function makeRoom(store = new MemoryMapStore(), limits: Partial<Limits> = {}, tuning: Partial<RoomTuning> = {}) {
  const room = new Room(MAP, { store, limits: resolveLimits(limits), tuning: { derivedDebounceMs: 10, ...tuning } });
  rooms.push(room);
  return room;
}
afterEach(async () => {
  for (const room of rooms.splice(0)) {
    for (const c of [...room.connections]) room.leave(c);
    await room.closed;
  }
});

/** A room that has loaded, held open by a read-only keeper connection (an empty room unloads). */
async function openRoom(store = new MemoryMapStore(), limits: Partial<Limits> = {}) {
  const room = makeRoom(store, limits);
  const keeper = room.join(new FakePeer(), 'read', { id: 'k', name: 'Keeper' });
  await room.whenLoaded();
  return { room, keeper };
}

const editor = { id: 'u1', name: 'Ana' };
const viewer = { id: 'u2', name: 'Budi' };

function cardUpdate(key: string, clientID?: number): Uint8Array {
  const doc = new Y.Doc();
  if (clientID) doc.clientID = clientID;
  doc.getMap('cards').set(key, new Y.Map([['text', new Y.Text(key)]]));
  return Y.encodeStateAsUpdate(doc);
}

const tick = () => new Promise((r) => setImmediate(r));

describe('Room', () => {
  it('[LS1][LS2] nothing is answered before the load; queued frames run in order after it', async () => {
    const store = new MemoryMapStore();
    store.rows.set(MAP, [cardUpdate('stored')]);
    store.loadGate = deferred();
    const room = makeRoom(store);
    const peer = new FakePeer();
    const conn = room.join(peer, 'edit', editor);
    room.receive(conn, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    room.receive(conn, encodeUpdate(cardUpdate('queued')));
    await tick();
    expect(peer.frames).toHaveLength(0);
    store.loadGate.resolve();
    await room.whenLoaded();
    // our step 1 first, then the answer to theirs, holding the stored content
    expect(peer.frames[0][1]).toBe(0);
    const client = new Y.Doc();
    Y.applyUpdate(client, peer.sync(1)[0]);
    expect(client.getMap('cards').has('stored')).toBe(true);
    expect(room.doc.getMap('cards').has('queued')).toBe(true);
    await room.drain();
    expect(peer.acked()).toBe(1);
  });

  describe('[LS5] a big stored map answers from the stored bytes', () => {
    const cold = { answerFromStoreAboveBytes: 0, warmAfterAnswerMs: 20 };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    /** A store holding a snapshot (cards s1, s2) and two log rows (l1, l2). */
    function storedMap() {
      const store = new MemoryMapStore();
      const doc = new Y.Doc();
      Y.applyUpdate(doc, cardUpdate('s1'));
      Y.applyUpdate(doc, cardUpdate('s2'));
      store.snapshots.set(MAP, Y.encodeStateAsUpdate(doc));
      store.rows.set(MAP, [cardUpdate('l1'), cardUpdate('l2')]);
      return store;
    }
    const cardsIn = (...updates: Uint8Array[]) => {
      const doc = new Y.Doc();
      for (const u of updates) Y.applyUpdate(doc, u);
      return [...doc.getMap('cards').keys()].sort();
    };

    it('a fresh client gets the snapshot then the log before the room applies them; the room warms warmAfterAnswerMs after they left', async () => {
      const room = makeRoom(storedMap(), {}, cold);
      const peer = new FakePeer();
      peer.holdWrites = true;
      const conn = room.join(peer, 'edit', editor);
      room.receive(conn, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
      await room.whenLoaded();
      const [step2] = peer.sync(1);
      const [log] = peer.sync(2);
      expect(cardsIn(step2)).toEqual(['s1', 's2']);
      expect(cardsIn(step2, log)).toEqual(['l1', 'l2', 's1', 's2']);
      expect(peer.sync(0)).toHaveLength(0); // the room's own step 1 waits for its document
      await tick();
      expect(room.doc.getMap('cards').size).toBe(0); // not applied while the answer is being written
      peer.release();
      await tick();
      expect(room.doc.getMap('cards').size).toBe(0); // the client is applying the same bytes now
      await sleep(60);
      expect([...room.doc.getMap('cards').keys()].sort()).toEqual(['l1', 'l2', 's1', 's2']);
      const [step1] = peer.sync(0);
      expect(step1).toEqual(Y.encodeStateVector(room.doc));
    });

    it('a second fresh client joining while the room waits is answered from the stored bytes too', async () => {
      const room = makeRoom(storedMap(), {}, cold);
      const first = new FakePeer();
      room.receive(room.join(first, 'edit', editor), encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
      await room.whenLoaded();
      await tick();
      const second = new FakePeer();
      room.receive(room.join(second, 'read', viewer), encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
      expect(cardsIn(...second.sync(1), ...second.sync(2))).toEqual(['l1', 'l2', 's1', 's2']);
      expect(room.doc.getMap('cards').size).toBe(0);
      await sleep(60);
      expect(room.doc.getMap('cards').size).toBe(4);
      expect(first.sync(0)).toHaveLength(1); // both greeted once the document is there
      expect(second.sync(0)).toHaveLength(1);
    });

    it('a client that has part of the map: the room applies the stored map first, then answers only the difference', async () => {
      const store = storedMap();
      const room = makeRoom(store, {}, cold);
      const client = new Y.Doc();
      Y.applyUpdate(client, store.snapshots.get(MAP)!);
      const peer = new FakePeer();
      const conn = room.join(peer, 'read', viewer);
      room.receive(conn, encodeSyncStep1(Y.encodeStateVector(client)));
      await room.whenLoaded();
      expect(room.doc.getMap('cards').size).toBe(4); // applied before answering
      expect(peer.sync(2)).toHaveLength(0);
      const [step2] = peer.sync(1);
      expect(cardsIn(step2)).toEqual(['l1', 'l2']);
      Y.applyUpdate(client, step2);
      expect([...client.getMap('cards').keys()].sort()).toEqual(['l1', 'l2', 's1', 's2']);
    });

    it('a sync step 1 that arrives after the load completed is still answered from the stored bytes', async () => {
      const room = makeRoom(storedMap(), {}, cold);
      const peer = new FakePeer();
      peer.holdWrites = true;
      const conn = room.join(peer, 'edit', editor);
      await room.whenLoaded();
      await tick();
      expect(room.doc.getMap('cards').size).toBe(0); // waiting for the client's first frame
      room.receive(conn, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
      expect(cardsIn(...peer.sync(1), ...peer.sync(2))).toEqual(['l1', 'l2', 's1', 's2']);
      expect(room.doc.getMap('cards').size).toBe(0);
      peer.release();
      await sleep(60);
      expect(room.doc.getMap('cards').size).toBe(4);
    });

    it('a doc-changing frame applies the stored map first, then itself; it is stored and acked', async () => {
      const store = storedMap();
      const room = makeRoom(store, {}, cold);
      const peer = new FakePeer();
      peer.holdWrites = true;
      const conn = room.join(peer, 'edit', editor);
      room.receive(conn, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
      room.receive(conn, encodeUpdate(cardUpdate('new')));
      await room.whenLoaded();
      expect([...room.doc.getMap('cards').keys()].sort()).toEqual(['l1', 'l2', 'new', 's1', 's2']);
      await room.drain();
      expect(peer.acked()).toBe(1);
      expect([...store.docOf(MAP).getMap('cards').keys()].sort()).toEqual(['l1', 'l2', 'new', 's1', 's2']);
      // the answers came before the apply, the greeting after it
      expect(peer.frames.map((f) => `${f[0]}:${f[1]}`).slice(0, 3)).toEqual(['0:1', '0:2', '0:0']);
    });

    it('a malformed state vector closes that connection with 1007', async () => {
      const room = makeRoom(storedMap(), {}, cold);
      const good = new FakePeer();
      room.join(good, 'read', viewer);
      const bad = new FakePeer();
      const conn = room.join(bad, 'edit', editor);
      room.receive(conn, encodeSyncStep1(new Uint8Array([5, 1, 2])));
      await room.whenLoaded();
      expect(bad.closedWith?.code).toBe(1007);
      expect(good.closedWith).toBeNull();
    });

    it('the document is applied after warmAfterMs even if a write never completes', async () => {
      const room = makeRoom(storedMap(), {}, { ...cold, warmAfterMs: 20 });
      const peer = new FakePeer();
      peer.holdWrites = true;
      const conn = room.join(peer, 'read', viewer);
      room.receive(conn, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
      await room.whenLoaded();
      await new Promise((r) => setTimeout(r, 60));
      expect(room.doc.getMap('cards').size).toBe(4);
    });

    it('stored bytes that cannot be applied close every socket with 4500 when the room warms', async () => {
      const store = new MemoryMapStore();
      store.rows.set(MAP, [cardUpdate('ok'), new Uint8Array([200, 1, 2, 3, 4, 5])]);
      const room = makeRoom(store, {}, cold);
      const peer = new FakePeer();
      const conn = room.join(peer, 'edit', editor);
      room.receive(conn, encodeUpdate(cardUpdate('mine')));
      await room.whenLoaded();
      await room.closed;
      expect(peer.closedWith).toEqual({ code: 4500, reason: 'load failed' });
      expect(store.rows.get(MAP)).toHaveLength(2); // nothing stored over it
    });

    it('a small stored map is applied at load, as before', async () => {
      const room = makeRoom(storedMap());
      const peer = new FakePeer();
      room.join(peer, 'read', viewer);
      await room.whenLoaded();
      expect(room.doc.getMap('cards').size).toBe(4);
      expect(peer.sync(0)).toHaveLength(1);
    });
  });

  it('[LS3] a failed load closes every waiting socket with 4500 and stores nothing', async () => {
    const store = new MemoryMapStore();
    store.loadGate = deferred();
    const closed: Room[] = [];
    const room = new Room(MAP, { store, limits: resolveLimits(), onClose: (r) => closed.push(r) });
    const a = new FakePeer();
    const b = new FakePeer();
    const ca = room.join(a, 'edit', editor);
    room.join(b, 'read', viewer);
    room.receive(ca, encodeUpdate(cardUpdate('lost')));
    store.loadGate.reject(new Error('db down'));
    await room.closed;
    expect(a.closedWith).toEqual({ code: 4500, reason: 'load failed' });
    expect(b.closedWith).toEqual({ code: 4500, reason: 'load failed' });
    expect(store.calls.append).toBe(0);
    expect(closed).toEqual([room]);
    expect(room.accepting).toBe(false);
  });

  it('[AK1] acks come only after the append commits, one per accepted frame, no-ops included', async () => {
    const store = new MemoryMapStore();
    const gate = deferred();
    store.appendGates = [gate];
    const { room } = await openRoom(store);
    const peer = new FakePeer();
    const conn = room.join(peer, 'edit', editor);
    room.receive(conn, encodeSyncStep2(Y.encodeStateAsUpdate(new Y.Doc()))); // empty: a no-op
    room.receive(conn, encodeUpdate(cardUpdate('a')));
    room.receive(conn, encodeUpdate(cardUpdate('a'))); // a duplicate: a no-op too
    await tick();
    await tick();
    expect(store.calls.append).toBe(1);
    expect(peer.acked()).toBe(0);
    expect(store.rows.get(MAP)).toBeUndefined();
    gate.resolve();
    await room.drain();
    expect(peer.ofType(MessageType.ack).map(decodeAck)).toEqual([3]);
    expect(store.docOf(MAP).getMap('cards').has('a')).toBe(true);
  });

  it('[AK4] frames arriving while an append is in flight form the next batch', async () => {
    const store = new MemoryMapStore();
    const first = deferred();
    store.appendGates = [first];
    const { room } = await openRoom(store);
    const a = new FakePeer();
    const b = new FakePeer();
    const ca = room.join(a, 'edit', editor);
    const cb = room.join(b, 'edit', { id: 'u3', name: 'Citra' });
    room.receive(ca, encodeUpdate(cardUpdate('a1')));
    await tick();
    expect(store.calls.append).toBe(1);
    for (let i = 0; i < 5; i++) room.receive(ca, encodeUpdate(cardUpdate(`a${i + 2}`)));
    for (let i = 0; i < 3; i++) room.receive(cb, encodeUpdate(cardUpdate(`b${i}`)));
    // broadcast does not wait for durability
    expect(b.sync(2).length).toBe(6);
    first.resolve();
    await room.drain();
    expect(store.calls.append).toBe(2);
    expect(store.rows.get(MAP)).toHaveLength(2); // one merged row per batch
    expect(a.ofType(MessageType.ack).map(decodeAck)).toEqual([1, 5]);
    expect(b.ofType(MessageType.ack).map(decodeAck)).toEqual([3]);
    expect([...store.docOf(MAP).getMap('cards').keys()].sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b0', 'b1', 'b2']);
  });

  it('[AK5] a failed append acks nothing and closes every connection with 1011', async () => {
    const store = new MemoryMapStore();
    store.failAppend = true;
    const { room } = await openRoom(store);
    const a = new FakePeer();
    const r = new FakePeer();
    const ca = room.join(a, 'edit', editor);
    room.join(r, 'read', viewer);
    room.receive(ca, encodeUpdate(cardUpdate('x')));
    await room.closed;
    expect(a.acked()).toBe(0);
    expect(a.closedWith).toEqual({ code: 1011, reason: 'persist failed' });
    expect(r.closedWith).toEqual({ code: 1011, reason: 'persist failed' });
    expect(room.connections.size).toBe(0);
  });

  it('[AK3] what is stored is what the document integrated; a frame that throws midway closes 1007', async () => {
    const store = new MemoryMapStore();
    const { room } = await openRoom(store);
    const peer = new FakePeer();
    const other = new FakePeer();
    const conn = room.join(peer, 'edit', editor);
    room.join(other, 'edit', viewer);
    const good = cardUpdate('ok');
    // a valid update followed by garbage where the delete set should be
    const broken = new Uint8Array([...good.slice(0, good.length - 1), 5, 200, 200]);
    room.receive(conn, encodeUpdate(broken));
    expect(peer.closedWith?.code).toBe(1007);
    expect(other.closedWith).toBeNull();
    await room.drain();
    // whatever Yjs integrated is stored in its own encoding and loads again
    const reloaded = new Y.Doc();
    for (const row of store.rows.get(MAP) ?? []) Y.applyUpdate(reloaded, row);
    expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(room.doc));
  });

  it('[AK3] a frame whose parts wait for missing dependencies is acked only once they integrate', async () => {
    const store = new MemoryMapStore();
    const { room } = await openRoom(store);
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    author.getText('t').insert(0, 'a');
    author.getText('t').insert(1, 'b'); // depends on the first
    const early = new FakePeer();
    const ce = room.join(early, 'edit', editor);
    room.receive(ce, encodeUpdate(updates[1]));
    room.receive(ce, encodeUpdate(cardUpdate('meanwhile')));
    await room.drain();
    expect(early.acked()).toBe(0); // held, in order, behind the pending frame
    expect(room.doc.getText('t').toString()).toBe('');
    expect(store.docOf(MAP).getText('t').toString()).toBe('');
    const other = new FakePeer();
    const co = room.join(other, 'edit', viewer);
    expect(other.sync(1).length).toBe(0);
    room.receive(co, encodeUpdate(updates[0]));
    await room.drain();
    expect(room.doc.getText('t').toString()).toBe('ab');
    expect(store.docOf(MAP).getText('t').toString()).toBe('ab');
    expect(other.acked()).toBe(1);
    expect(early.acked()).toBe(2);
  });

  it('[LS4] peers are sent the integrated state, not parts pending in the room', async () => {
    const { room } = await openRoom();
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    author.getText('t').insert(0, 'a');
    author.getText('t').insert(1, 'b');
    const c = room.join(new FakePeer(), 'edit', editor);
    room.receive(c, encodeUpdate(updates[1]));
    expect(room.doc.store.pendingStructs).not.toBeNull();
    const late = new FakePeer();
    const cl = room.join(late, 'read', viewer);
    room.receive(cl, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    const client = new Y.Doc();
    Y.applyUpdate(client, late.sync(1)[0]);
    expect(client.store.pendingStructs).toBeNull();
    expect(Y.encodeStateVector(client)).toEqual(Y.encodeStateVector(room.doc));
  });

  it('[RO1][RO2] a read-only connection reads, but its changes are refused and never stored', async () => {
    const store = new MemoryMapStore();
    const { room } = await openRoom(store);
    const e = new FakePeer();
    const v = new FakePeer();
    const ce = room.join(e, 'edit', editor);
    const cv = room.join(v, 'read', viewer);
    room.receive(cv, encodeSyncStep2(Y.encodeStateAsUpdate(new Y.Doc()))); // stock provider on connect
    room.receive(cv, encodeUpdate(cardUpdate('sneaky')));
    room.receive(ce, encodeUpdate(cardUpdate('real')));
    await room.drain();
    expect(v.errors()).toEqual(['read-only']);
    expect(v.acked()).toBe(1); // the empty step 2 only
    expect(room.doc.getMap('cards').has('sneaky')).toBe(false);
    expect(store.docOf(MAP).getMap('cards').has('sneaky')).toBe(false);
    expect(e.sync(2)).toHaveLength(0); // nothing of the viewer's was broadcast
    expect(v.sync(2)).toHaveLength(1); // the editor's card reached the viewer
    // content the room already has is not a change: acked, not refused
    room.receive(cv, encodeSyncStep2(Y.encodeStateAsUpdate(room.doc)));
    await room.drain();
    expect(v.errors()).toEqual(['read-only']);
    expect(v.acked()).toBe(2);
  });

  it('[LM2] an update that would exceed the document size is refused, not applied, not stored', async () => {
    const store = new MemoryMapStore();
    const { room } = await openRoom(store, { maxDocBytes: 2000 });
    const peer = new FakePeer();
    const conn = room.join(peer, 'edit', editor);
    room.receive(conn, encodeUpdate(cardUpdate('small')));
    room.receive(conn, encodeUpdate(cardUpdate('big'.repeat(1000))));
    await room.drain();
    expect(peer.errors()).toEqual(['doc-too-large']);
    expect(peer.acked()).toBe(1);
    expect(room.doc.getMap('cards').has('small')).toBe(true);
    expect(room.doc.getMap('cards').size).toBe(1);
    expect(store.docOf(MAP).getMap('cards').size).toBe(1);
    expect(peer.closedWith).toBeNull();
  });

  it('[PR2] a malformed frame closes that connection only', async () => {
    const { room } = await openRoom();
    const bad = new FakePeer();
    const good = new FakePeer();
    const cbad = room.join(bad, 'edit', editor);
    const cgood = room.join(good, 'edit', viewer);
    room.receive(cbad, new Uint8Array([0, 0, 50, 1]));
    expect(bad.closedWith?.code).toBe(1007);
    room.receive(cgood, new Uint8Array([42]));
    expect(good.closedWith?.code).toBe(1002);
    const third = new FakePeer();
    const c3 = room.join(third, 'edit', editor);
    room.receive(c3, encodeUpdate(cardUpdate('fine')));
    await room.drain();
    expect(third.acked()).toBe(1);
  });

  it('[AW1][AW2][AW5] awareness is bound to the identity, to one client id, and echoed to its sender', async () => {
    const { room } = await openRoom();
    const a = new FakePeer();
    const b = new FakePeer();
    const ca = room.join(a, 'edit', editor);
    const cb = room.join(b, 'read', viewer);
    const state = { user: { name: 'I am the CEO', color: '#f00', email: 'x@y' }, cursor: { x: 1 } };
    room.receive(ca, encodeAwareness(encodeAwarenessUpdate([{ clientId: 10, clock: 1, state }])));
    const expected = { user: { id: 'u1', name: 'Ana', color: '#f00' }, cursor: { x: 1 } };
    expect(b.awareness()).toEqual([{ clientId: 10, clock: 1, state: expected }]);
    expect(a.awareness()).toEqual([{ clientId: 10, clock: 1, state: expected }]); // echo
    // b tries to speak for a's client id, then re-sends a's entry (as the stock provider does)
    room.receive(cb, encodeAwareness(encodeAwarenessUpdate([{ clientId: 10, clock: 5, state: { user: { name: 'Ana' } } }])));
    room.receive(cb, encodeAwareness(encodeAwarenessUpdate([{ clientId: 20, clock: 1, state: {} }])));
    room.receive(cb, encodeAwareness(encodeAwarenessUpdate([{ clientId: 10, clock: 1, state: expected }])));
    expect(room.awareness.getStates().get(10)).toEqual(expected);
    expect(room.awareness.getStates().get(20)).toEqual({ user: { id: 'u2', name: 'Budi' } });
    // [AW3] a renewal at the same clock is not forwarded again
    const before = b.ofType(MessageType.awareness).length;
    room.receive(ca, encodeAwareness(encodeAwarenessUpdate([{ clientId: 10, clock: 1, state }])));
    expect(b.ofType(MessageType.awareness).length).toBe(before);
    // [AW6] leaving removes the state, and everyone hears it
    room.leave(ca);
    expect(room.awareness.getStates().has(10)).toBe(false);
    expect(b.awareness().at(-1)).toMatchObject({ clientId: 10, state: null });
  });

  it('[AW4] a returning client is visible at once, above the clock the room bumped', async () => {
    const { room } = await openRoom();
    const watcher = new FakePeer();
    room.join(watcher, 'read', viewer);
    const first = new FakePeer();
    const c1 = room.join(first, 'edit', editor);
    room.receive(c1, encodeAwareness(encodeAwarenessUpdate([{ clientId: 7, clock: 3, state: { a: 1 } }])));
    room.leave(c1);
    const again = new FakePeer();
    const c2 = room.join(again, 'edit', editor);
    room.receive(c2, encodeAwareness(encodeAwarenessUpdate([{ clientId: 7, clock: 3, state: { a: 1 } }])));
    expect(room.awareness.getStates().has(7)).toBe(true);
    const last = watcher.awareness().at(-1)!;
    expect(last.state).not.toBeNull();
    expect(last.clock).toBeGreaterThan(3);
    // a client's Awareness accepts it
    const clientDoc = new Y.Doc();
    const clientAwareness = new awarenessProtocol.Awareness(clientDoc);
    awarenessProtocol.applyAwarenessUpdate(clientAwareness, encodeAwarenessUpdate(watcher.awareness()), 'server');
    expect(clientAwareness.getStates().get(7)).toMatchObject({ a: 1 });
    clientAwareness.destroy();
  });

  it('[AW1] bindIdentity keeps cursor fields and colour, nothing else of user', () => {
    expect(bindIdentity({ user: 'x', sel: [1] }, { id: null, name: 'Guest' })).toEqual({ user: { id: null, name: 'Guest' }, sel: [1] });
    expect(bindIdentity({ user: { color: 'x'.repeat(65), colorLight: '#fff' } }, { id: 'a', name: 'A' })).toEqual({
      user: { id: 'a', name: 'A', colorLight: '#fff' },
    });
  });

  it('[CP3] the compaction threshold is compactAfterRows ± compactJitter, at least one row', () => {
    const tuning = { compactAfterRows: 1000, compactJitter: 0.2 };
    expect(compactionThreshold(tuning, () => 0)).toBe(800);
    expect(compactionThreshold(tuning, () => 0.5)).toBe(1000);
    expect(compactionThreshold(tuning, () => 0.99999)).toBe(1200);
    expect(compactionThreshold({ compactAfterRows: 1000, compactJitter: 0 }, () => 0)).toBe(1000);
    expect(compactionThreshold({ compactAfterRows: 2, compactJitter: 0.9 }, () => 0)).toBe(1);
    const drawn = new Set(Array.from({ length: 50 }, () => compactionThreshold(tuning)));
    expect(drawn.size).toBeGreaterThan(10); // rooms opened together spread out
    for (const n of drawn) expect(n >= 800 && n <= 1200).toBe(true);
  });

  it('[CP3] a room compacts once its rows reach its jittered threshold, and draws a new one', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.99999); // the room's first draw: 10 × 1.5
    try {
      const store = new MemoryMapStore();
      const room = makeRoom(store, {}, { compactAfterRows: 10, compactJitter: 0.5 });
      const keeper = room.join(new FakePeer(), 'read', { id: 'k', name: 'Keeper' });
      await room.whenLoaded();
      const conn = room.join(new FakePeer(), 'edit', editor);
      let rows = 0;
      const addRows = async (n: number) => {
        for (let i = 0; i < n; i++) {
          room.receive(conn, encodeUpdate(cardUpdate(`c${rows++}`)));
          await room.drain(); // one batch: one row
          await tick();
        }
      };
      await addRows(14);
      expect(store.calls.compact).toBe(0);
      random.mockReturnValue(0); // the draw made at the first compaction: 10 × 0.5
      await addRows(1);
      expect(store.calls.compact).toBe(1);
      await addRows(4);
      expect(store.calls.compact).toBe(1);
      await addRows(1);
      expect(store.calls.compact).toBe(2);
      expect(store.calls.append).toBe(20);
      room.leave(keeper);
    } finally {
      random.mockRestore();
    }
  });

  it('[UL1] the room unloads after its last connection left and its appends committed', async () => {
    const store = new MemoryMapStore();
    const gate = deferred();
    store.appendGates = [gate];
    const closed: Room[] = [];
    const room = new Room(MAP, { store, limits: resolveLimits(), onClose: (r) => closed.push(r) });
    const peer = new FakePeer();
    const conn = room.join(peer, 'edit', editor);
    await room.whenLoaded();
    room.receive(conn, encodeUpdate(cardUpdate('last words')));
    room.leave(conn);
    await tick();
    expect(closed).toEqual([]); // still committing
    gate.resolve();
    await room.closed;
    expect(closed).toEqual([room]);
    expect(store.docOf(MAP).getMap('cards').has('last words')).toBe(true);
    expect(store.calls.refreshDerived).toBe(1);
    expect(store.calls.compact).toBe(1);
    expect(store.rows.get(MAP)).toEqual([]);
  });

  it('[UL1] a connection joining while the last batch commits keeps the room open', async () => {
    const store = new MemoryMapStore();
    const gate = deferred();
    store.appendGates = [gate];
    const { room, keeper } = await openRoom(store);
    const c1 = room.join(new FakePeer(), 'edit', editor);
    room.receive(c1, encodeUpdate(cardUpdate('a')));
    room.leave(c1);
    room.leave(keeper); // the last one: the room starts to unload once the batch commits
    await tick();
    const peer = new FakePeer();
    room.join(peer, 'edit', editor);
    gate.resolve();
    await room.drain();
    await tick();
    expect(room.state).toBe('open');
    expect(room.accepting).toBe(true);
    expect(room.doc.getMap('cards').has('a')).toBe(true);
  });

  it('[DV1] derived counters refresh after committed edits, at most once per debounce, and not for a visit without edits', async () => {
    const store = new MemoryMapStore();
    const room = makeRoom(store); // derivedDebounceMs: 10
    const conn = room.join(new FakePeer(), 'edit', editor);
    await room.whenLoaded();
    room.receive(conn, encodeSyncStep2(Y.encodeStateAsUpdate(new Y.Doc()))); // nothing new
    await room.drain();
    await new Promise((r) => setTimeout(r, 30));
    expect(store.calls.refreshDerived).toBe(0);
    for (let i = 0; i < 5; i++) {
      room.receive(conn, encodeUpdate(cardUpdate(`c${i}`)));
      await room.drain();
    }
    await new Promise((r) => setTimeout(r, 30));
    expect(store.calls.refreshDerived).toBe(1);
    room.leave(conn);
    await room.closed;
    expect(store.calls.refreshDerived).toBe(1); // nothing changed since: no refresh on unload

    const quiet = new MemoryMapStore();
    const visit = makeRoom(quiet);
    visit.leave(visit.join(new FakePeer(), 'read', viewer));
    await visit.closed;
    expect(quiet.calls.refreshDerived).toBe(0);
  });

  it('[DV1] each room draws its refresh delay within ± derivedJitter of the debounce, so rooms edited together refresh apart', async () => {
    expect(jittered(2000, 0.25, () => 0)).toBe(1500);
    expect(jittered(2000, 0.25, () => 0.5)).toBe(2000);
    expect(jittered(2000, 0, () => 0)).toBe(2000);
    const tuning = { derivedDebounceMs: 300, derivedJitter: 0.9 }; // 30 … 570 ms
    const early = new MemoryMapStore();
    const late = new MemoryMapStore();
    const draws: number[] = []; // empty: the rooms' compaction thresholds draw 0.5
    const random = vi.spyOn(Math, 'random').mockImplementation(() => draws.shift() ?? 0.5);
    try {
      const pairs = [makeRoom(early, {}, tuning), makeRoom(late, {}, tuning)].map((room) => ({
        room,
        conn: room.join(new FakePeer(), 'edit', editor),
      }));
      for (const { room } of pairs) await room.whenLoaded();
      draws.push(0, 0.99999); // the first timer armed draws the shortest wait, the second the longest
      for (const { room, conn } of pairs) {
        room.receive(conn, encodeUpdate(cardUpdate('x')));
        await room.drain();
      }
      await new Promise((r) => setTimeout(r, 250));
      expect(early.calls.refreshDerived).toBe(1);
      expect(late.calls.refreshDerived).toBe(0);
      await new Promise((r) => setTimeout(r, 450));
      expect(late.calls.refreshDerived).toBe(1);
    } finally {
      random.mockRestore();
    }
  });

  it('[DV2] while editing, the size written is the estimate; it is measured once drifted 25 %, and on unload', async () => {
    const store = new MemoryMapStore();
    const stored = new Y.Doc();
    for (let i = 0; i < 40; i++) Y.applyUpdate(stored, cardUpdate(`stored card ${i}`));
    const snapshot = Y.encodeStateAsUpdate(stored);
    store.snapshots.set(MAP, snapshot);
    const room = makeRoom(store);
    const conn = room.join(new FakePeer(), 'edit', editor);
    await room.whenLoaded();
    const edit = cardUpdate('small edit');
    room.receive(conn, encodeUpdate(edit));
    await room.drain();
    await new Promise((r) => setTimeout(r, 30));
    expect(store.docBytesGiven).toEqual([snapshot.byteLength + edit.byteLength]); // no encode
    // more than 25 % of the stored size since: measured
    for (let i = 0, grown = edit.byteLength; grown <= snapshot.byteLength / 4; i++) {
      const more = cardUpdate(`more ${i}`);
      room.receive(conn, encodeUpdate(more));
      grown += more.byteLength;
    }
    await room.drain();
    await new Promise((r) => setTimeout(r, 30));
    expect(store.docBytesGiven.at(-1)).toBe('measured');
    room.receive(conn, encodeUpdate(cardUpdate('one more')));
    await room.drain();
    await new Promise((r) => setTimeout(r, 30));
    expect(typeof store.docBytesGiven.at(-1)).toBe('number');
    room.leave(conn);
    await room.closed;
    // the unload refresh measures, though nothing changed since the last (estimated) one
    expect(store.docBytesGiven.at(-1)).toBe('measured');
    expect(store.docBytesGiven).toHaveLength(4);
  });

  it('[UL3] shutdown commits and acks what was accepted, then closes with 1001', async () => {
    const store = new MemoryMapStore();
    const { room } = await openRoom(store);
    const peer = new FakePeer();
    const conn = room.join(peer, 'edit', editor);
    room.receive(conn, encodeUpdate(cardUpdate('a')));
    await room.shutdown();
    expect(peer.acked()).toBe(1);
    expect(peer.closedWith?.code).toBe(1001);
    expect(store.docOf(MAP).getMap('cards').has('a')).toBe(true);
  });

  it('[AC3] closeConnections closes the sockets whose rights changed, and only those', async () => {
    const { room } = await openRoom();
    const a = new FakePeer();
    const b = new FakePeer();
    room.join(a, 'edit', editor);
    room.join(b, 'edit', viewer);
    room.closeConnections((c) => c.user.id === editor.id, 4403, 'access revoked');
    expect(a.closedWith).toEqual({ code: 4403, reason: 'access revoked' });
    expect(b.closedWith).toBeNull();
    expect([...room.connections].map((c) => c.user.id).sort()).toEqual(['k', viewer.id]);
  });

  it('[LM6] a connection that cannot keep up is closed with 1008', async () => {
    const { room } = await openRoom(new MemoryMapStore(), { maxBufferedBytes: 100 });
    const slow = new FakePeer();
    room.join(slow, 'read', viewer);
    slow.bufferedAmount = 1000;
    const c = room.join(new FakePeer(), 'edit', editor);
    room.receive(c, encodeUpdate(cardUpdate('a')));
    expect(slow.closedWith).toEqual({ code: 1008, reason: 'connection too slow' });
  });
});
