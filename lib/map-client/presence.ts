// Presence on a map from the awareness protocol: who is here, which card each person is editing,
// where their pointer is. Published as three separate stores so a moving cursor re-renders the
// cursor layer only, and a person starting to edit a card re-renders that card only.
//
// Any client can write anything into its awareness state (the server binds only `user`), so every
// field is checked before it reaches the UI.
import type { Awareness } from 'y-protocols/awareness';

/** What this client puts in its awareness state. `user` is overwritten by the server with the real identity. */
export interface LocalPresence {
  user: { id: string; name: string };
  color: string;
  editing: string | null;
  cursor: { x: number; y: number } | null;
}

export interface Peer {
  clientId: number;
  userId: string | null;
  name: string;
  color: string;
  self: boolean;
}

export interface PeerCursor {
  clientId: number;
  name: string;
  color: string;
  x: number;
  y: number;
}

/** The same colour for a person everywhere (avatar, outline, cursor): a hue from their id. */
export function personColor(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hslToHex(hash % 360, 0.55, 0.4);
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const value = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

const HEX = /^#[0-9a-f]{6}$/i;
const MAX_COORD = 1_000_000;

/** A peer's state read defensively; null when it has no usable identity. */
export function readPeer(
  clientId: number,
  state: unknown,
  selfId: number,
): (Peer & { editing: string | null; cursor: { x: number; y: number } | null }) | null {
  if (!state || typeof state !== 'object') return null;
  const s = state as Record<string, unknown>;
  const user = s.user && typeof s.user === 'object' ? (s.user as Record<string, unknown>) : null;
  if (!user) return null;
  const userId = typeof user.id === 'string' && user.id.length <= 200 ? user.id : null;
  const name = typeof user.name === 'string' && user.name.trim() ? user.name.trim().slice(0, 80) : '?';
  const color = typeof s.color === 'string' && HEX.test(s.color) ? s.color : personColor(userId ?? String(clientId));
  const editing = typeof s.editing === 'string' && s.editing.length <= 200 ? s.editing : null;
  let cursor: { x: number; y: number } | null = null;
  if (s.cursor && typeof s.cursor === 'object') {
    const { x, y } = s.cursor as Record<string, unknown>;
    if (typeof x === 'number' && typeof y === 'number' && Math.abs(x) < MAX_COORD && Math.abs(y) < MAX_COORD) cursor = { x, y };
  }
  return {
    clientId,
    userId,
    name,
    color,
    self: clientId === selfId,
    editing,
    cursor,
  };
}

type PeerState = NonNullable<ReturnType<typeof readPeer>>;

const EMPTY: readonly Peer[] = Object.freeze([]);

function peopleKey(people: readonly Peer[]): string {
  return people.map((p) => `${p.clientId}:${p.userId}:${p.name}:${p.color}:${p.self}`).join('|');
}

export class PresenceStore {
  private people: readonly Peer[] = EMPTY;
  private cursors: readonly PeerCursor[] = [];
  private editing = new Map<string, readonly Peer[]>();
  private states: readonly PeerState[] = [];
  private readonly peopleListeners = new Set<() => void>();
  private readonly cursorListeners = new Set<() => void>();
  private readonly stateListeners = new Set<() => void>();
  private readonly editingListeners = new Map<string, Set<() => void>>();

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.refresh);
    this.refresh();
  }

  private refresh = () => {
    const selfId = this.awareness.clientID;
    const states: PeerState[] = [];
    this.awareness.getStates().forEach((state, clientId) => {
      const peer = readPeer(clientId, state, selfId);
      if (peer) states.push(peer);
    });
    states.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
    this.states = states;
    this.stateListeners.forEach((listener) => listener());

    // One avatar per person, even with the map open in two tabs.
    const seen = new Set<string>();
    const people: Peer[] = [];
    for (const s of states) {
      const key = s.userId ?? `client:${s.clientId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      people.push({
        clientId: s.clientId,
        userId: s.userId,
        name: s.name,
        color: s.color,
        self: s.self,
      });
    }
    if (peopleKey(people) !== peopleKey(this.people)) {
      this.people = people;
      this.peopleListeners.forEach((listener) => listener());
    }

    const cursors = states
      .filter((s) => !s.self && s.cursor)
      .map((s) => ({
        clientId: s.clientId,
        name: s.name,
        color: s.color,
        x: s.cursor!.x,
        y: s.cursor!.y,
      }));
    const cursorKey = (list: readonly PeerCursor[]) => list.map((c) => `${c.clientId}:${c.x}:${c.y}:${c.color}:${c.name}`).join('|');
    if (cursorKey(cursors) !== cursorKey(this.cursors)) {
      this.cursors = cursors;
      this.cursorListeners.forEach((listener) => listener());
    }

    const editing = new Map<string, Peer[]>();
    for (const s of states) {
      if (s.self || !s.editing) continue;
      const list = editing.get(s.editing) ?? [];
      list.push({
        clientId: s.clientId,
        userId: s.userId,
        name: s.name,
        color: s.color,
        self: false,
      });
      editing.set(s.editing, list);
    }
    const changedCards: string[] = [];
    for (const cardId of new Set([...this.editing.keys(), ...editing.keys()])) {
      const before = this.editing.get(cardId) ?? EMPTY;
      const after = editing.get(cardId) ?? EMPTY;
      if (peopleKey(before) === peopleKey(after)) {
        if (after.length) editing.set(cardId, before as Peer[]);
      } else changedCards.push(cardId);
    }
    this.editing = editing;
    for (const cardId of changedCards) this.editingListeners.get(cardId)?.forEach((listener) => listener());
  };

  getPeople = (): readonly Peer[] => this.people;
  getCursors = (): readonly PeerCursor[] => this.cursors;
  getStates = (): readonly PeerState[] => this.states;
  editorsOf(cardId: string): readonly Peer[] {
    return this.editing.get(cardId) ?? EMPTY;
  }

  subscribePeople = (listener: () => void) => {
    this.peopleListeners.add(listener);
    return () => void this.peopleListeners.delete(listener);
  };
  subscribeCursors = (listener: () => void) => {
    this.cursorListeners.add(listener);
    return () => void this.cursorListeners.delete(listener);
  };
  subscribeStates = (listener: () => void) => {
    this.stateListeners.add(listener);
    return () => void this.stateListeners.delete(listener);
  };
  subscribeEditing(cardId: string, listener: () => void): () => void {
    let set = this.editingListeners.get(cardId);
    if (!set) this.editingListeners.set(cardId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.editingListeners.delete(cardId);
    };
  }

  destroy(): void {
    this.awareness.off('change', this.refresh);
    this.peopleListeners.clear();
    this.cursorListeners.clear();
    this.stateListeners.clear();
    this.editingListeners.clear();
  }
}
