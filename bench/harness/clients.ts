// Bench clients: the stock y-websocket provider (3.x) in Node, one Y.Doc each, with the session
// cookie on the upgrade. Edits are small inserts into the editor's own card text, each carrying
// its id (` #<id>;`), so another client of the map can tell which edit arrived and when, and the
// cold-loaded database can tell which edits survived. Acks ([100, count]) are matched FIFO
// against the doc-changing frames the client's socket sent (SPEC [AK1]).
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { getCardText } from '@/lib/map';
import { Samples } from './stats';

/** Local index of the edit whose frame is being sent right now (edits send synchronously inside the transaction). */
let sendingEdit = -1;

export const MARKER = / #(\d+);/g;

/** Every marker id in a document's card texts. */
export function markersIn(doc: Y.Doc): Set<number> {
  const found = new Set<number>();
  doc.getMap<unknown>('cards').forEach((card) => {
    if (!(card instanceof Y.Map)) return;
    const text = card.get('text');
    if (!(text instanceof Y.Text)) return;
    for (const m of text.toString().matchAll(MARKER)) found.add(Number(m[1]));
  });
  return found;
}

export interface PhaseStats {
  name: string;
  broadcast: Samples;
  ack: Samples;
  /** Edits made in this phase. */
  edits: number;
  /** Observations expected (edits × (peers − 1)) and made. */
  observations: number;
  acks: number;
  /** Once closed, late observations and acks are no longer recorded as samples. */
  closed: boolean;
  /** Closed-loop phases: an editor's next edit follows the observation by its designated peer. */
  onCompleted?: (editor: BenchClient, now: number) => void;
  completed: number;
}

/**
 * Every edit of the run. Local index `i` has the global id `i * stride + base`, so the markers
 * of several trackers (one per worker thread) never collide.
 */
export class Tracker {
  readonly sentAt: number[] = [];
  readonly editor: BenchClient[] = [];
  readonly phase: (PhaseStats | null)[] = [];
  readonly acked: boolean[] = [];
  readonly sentOnSocket: boolean[] = [];
  readonly observedBy: number[] = [];

  constructor(
    readonly base = 0,
    readonly stride = 1,
  ) {}

  idOf(index: number): number {
    return index * this.stride + this.base;
  }

  /** Local index of a global id, or −1 when it belongs to another tracker. */
  indexOf(id: number): number {
    const i = (id - this.base) / this.stride;
    return Number.isInteger(i) && i >= 0 && i < this.sentAt.length ? i : -1;
  }

  newPhase(name: string, onCompleted?: PhaseStats['onCompleted']): PhaseStats {
    return {
      name,
      broadcast: new Samples(),
      ack: new Samples(),
      edits: 0,
      observations: 0,
      acks: 0,
      closed: false,
      onCompleted,
      completed: 0,
    };
  }

  /** Makes `client` type one marker into its card; answers the edit's local index. */
  edit(client: BenchClient, phase: PhaseStats | null): number {
    const i = this.sentAt.length;
    const id = this.idOf(i);
    const text = client.text!;
    const socket = client.provider.ws as BenchSocket | null;
    const before = socket?.docFramesSent ?? 0;
    this.editor.push(client);
    this.phase.push(phase);
    this.acked.push(false);
    this.observedBy.push(0);
    sendingEdit = i;
    const now = performance.now();
    this.sentAt.push(now);
    try {
      text.insert(text.length, ` #${id};`);
    } finally {
      sendingEdit = -1;
    }
    this.sentOnSocket.push((socket?.docFramesSent ?? 0) > before);
    if (phase) phase.edits++;
    return i;
  }

  observed(id: number, by: BenchClient, now: number): void {
    const i = this.indexOf(id);
    if (i < 0) return;
    const phase = this.phase[i];
    this.observedBy[i]++;
    if (!phase || phase.closed) return;
    phase.broadcast.push(now - this.sentAt[i]);
    phase.observations++;
    const editor = this.editor[i];
    if (phase.onCompleted && by === editor.designatedObserver) {
      phase.completed++;
      phase.onCompleted(editor, now);
    }
  }

  /** An ack for the edit with local index `i`. */
  ackReceived(i: number, now: number): void {
    this.acked[i] = true;
    const phase = this.phase[i];
    if (!phase || phase.closed) return;
    phase.ack.push(now - this.sentAt[i]);
    phase.acks++;
  }
}

/** A `ws` socket that sends the cookie and remembers which edit each doc-changing frame carried. */
export interface BenchSocket extends WebSocket {
  /** Local edit indexes (−1: not an edit, e.g. the sync step 2 on connect) of the unacknowledged frames, oldest first. */
  pending: number[];
  docFramesSent: number;
  /** performance.now() when the first sync step 2 frame had arrived whole, before the provider applied it. */
  step2ArrivedAt: number;
}

function socketClass(headers: Record<string, string>) {
  return class extends WebSocket implements BenchSocket {
    pending: number[] = [];
    docFramesSent = 0;
    step2ArrivedAt = NaN;
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers, perMessageDeflate: false });
      // Registered before the provider's `onmessage`, so it runs first.
      const onStep2 = (data: ArrayBuffer | Buffer) => {
        const head = data instanceof ArrayBuffer ? new Uint8Array(data, 0, Math.min(2, data.byteLength)) : data;
        if (head[0] !== 0 || head[1] !== 1) return;
        this.step2ArrivedAt = performance.now();
        this.off('message', onStep2);
      };
      this.on('message', onStep2);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override send(data: any, ...rest: any[]): void {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
      // [0 sync, 1 step2 | 2 update] — the frames the server acknowledges ([AK1]).
      if (bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2) && this.readyState === WebSocket.OPEN) {
        this.pending.push(sendingEdit);
        this.docFramesSent++;
      }
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (super.send as any)(data, ...rest);
    }
  };
}

export interface ClientOptions {
  url: string;
  mapId: string;
  cookie?: string;
  /** The document's state before connecting (what a returning browser has in IndexedDB). */
  initial?: Uint8Array;
  /** Card to type into (editors). */
  cardId?: string;
  /** Watch card texts for other clients' markers. */
  observe?: boolean;
  tracker?: Tracker;
  /** An awareness state like the app's (name, colour, the card being edited). */
  presence?: Record<string, unknown>;
  /** Counts acks here (Lintas). */
  acks?: boolean;
}

export class BenchClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly text: Y.Text | null = null;
  /** Closed-loop: the peer whose observation completes this client's edit. */
  designatedObserver: BenchClient | null = null;
  /** Socket closes seen (each one a reconnect by the provider). */
  closes = 0;
  closeCodes: number[] = [];
  errors: string[] = [];
  /** performance.now() of the first `synced` after connect() / of the latest one. */
  syncedAt = NaN;
  connectStartedAt = NaN;
  /** performance.now() when the provider opened its latest socket (each reconnect attempt). */
  lastAttemptAt = NaN;
  /** performance.now() when the latest socket opened (the upgrade was accepted). */
  openedAt = NaN;
  destroyed = false;

  constructor(readonly options: ClientOptions) {
    if (options.initial) Y.applyUpdate(this.doc, options.initial);
    if (options.cardId) this.text = getCardText(this.doc, options.cardId);
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    this.provider = new WebsocketProvider(options.url, options.mapId, this.doc, {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      WebSocketPolyfill: socketClass(headers) as any,
      // Node has a global BroadcastChannel: providers of one process would sync through it.
      disableBc: true,
      connect: false,
    });
    if (options.presence) this.provider.awareness.setLocalState(options.presence);
    const tracker = options.tracker;
    if (options.acks) {
      this.provider.messageHandlers[100] = (_encoder, decoder, provider) => {
        const n = decoding.readVarUint(decoder);
        const socket = provider.ws as BenchSocket | null;
        if (!socket) return;
        const now = performance.now();
        for (let i = 0; i < n; i++) {
          const id = socket.pending.shift();
          if (id === undefined) {
            this.errors.push('ack-without-frame');
            break;
          }
          if (id >= 0) tracker?.ackReceived(id, now);
        }
      };
      this.provider.messageHandlers[101] = (_encoder, decoder) => {
        const code = decoding.readVarString(decoder);
        this.errors.push(code);
      };
    }
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connecting') this.lastAttemptAt = performance.now();
      else if (status === 'connected') this.openedAt = performance.now();
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.syncedAt = performance.now();
    });
    this.provider.on('connection-close', (event) => {
      this.closes++;
      if (event && typeof (event as { code?: number }).code === 'number') this.closeCodes.push((event as { code: number }).code);
    });
    if (options.observe && tracker) {
      this.doc.getMap('cards').observeDeep((events, tr) => {
        if (tr.local) return;
        const now = performance.now();
        for (const event of events) {
          if (!(event.target instanceof Y.Text)) continue;
          for (const op of event.delta) {
            if (typeof op.insert !== 'string') continue;
            for (const m of op.insert.matchAll(MARKER)) tracker.observed(Number(m[1]), this, now);
          }
        }
      });
    }
  }

  connect(): void {
    this.connectStartedAt = performance.now();
    this.syncedAt = NaN;
    this.provider.connect();
  }

  get synced(): boolean {
    return this.provider.synced;
  }

  /** Unacknowledged doc-changing frames on the current socket. */
  get unacked(): number {
    return (this.provider.ws as BenchSocket | null)?.pending.length ?? 0;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.provider.destroy();
    this.provider.awareness.destroy(); // otherwise its interval keeps the process alive
    this.doc.destroy();
  }
}
