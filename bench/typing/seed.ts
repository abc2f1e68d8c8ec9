// Grows a map (made from a template through the API) to N cards the way a client would: the stock
// y-websocket provider in this process, with the owner's session cookie, lib/map's `addCard`
// (batched in transactions of 100 cards), waiting until the server acknowledged — i.e. committed —
// every frame. The browser then loads the map from the server like any returning user.
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { addCard, cardsMap, sortedLanes, sortedStages, type CardInit, type Channel, type LaneKind } from '@/lib/map';

const PHRASES = [
  'Compares prices on Tokopedia and Shopee before deciding',
  'Asks a friend on WhatsApp whether the brand is trustworthy',
  'Reads reviews with photos',
  'Abandons the cart when shipping costs appear at checkout',
  'Worried the size will not fit',
  'Promo code field is hard to find on mobile',
  'Pays with a QRIS e-wallet',
  'Waits for the courier, checks tracking several times a day',
  'Free returns within 7 days',
  'Contact centre hours do not cover the weekend',
  'Offer cash on delivery in more cities',
  'Onboarding email series for first-time buyers',
  'Support',
  'Marketing team owns the campaign budget',
  'Happy',
  'Frustrated',
  'Is this the original product or a copy?',
  'Loyalty points expire too quickly to be worth collecting, according to several interviews in Surabaya',
  'Chatbot answers in English only',
  'Repeat purchase rate',
  'Net promoter score after delivery',
  'Warehouse packs the order within 24 hours',
  'Sees a banner at the mall',
  'Searches Google for "best running shoes under 1 million"',
  'Live chat with a product specialist',
];
const CHANNELS: Channel[] = ['website', 'mobile_app', 'social_media', 'search', 'marketplace', 'whatsapp', 'email', 'store'];

/** Deterministic pseudo-random numbers (mulberry32): the same map and cadence every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fieldsFor(kind: LaneKind, random: () => number): Partial<CardInit> {
  switch (kind) {
    case 'touchpoints':
      return { channel: CHANNELS[Math.floor(random() * CHANNELS.length)] };
    case 'painpoints':
      return { severity: (1 + Math.floor(random() * 3)) as 1 | 2 | 3 };
    case 'opportunities':
      return { impact: (1 + Math.floor(random() * 5)) as 1, feasibility: (1 + Math.floor(random() * 5)) as 1 };
    case 'emotions':
      return { emotion: (Math.floor(random() * 5) - 2) as 0 };
    default:
      return {};
  }
}

export interface SeedResult {
  cards: number;
  /** Ids of the cards added for typing, one per requested target, first in their cells. */
  targets: string[];
  /** Encoded document size, bytes. */
  docBytes: number;
  /** The cell of each target ("Lane · Stage", as the editor labels the cell). */
  targetCells: string[];
}

export async function seedMap(options: {
  baseUrl: string;
  mapId: string;
  cookie: string;
  userId: string;
  totalCards: number;
  /** Cells (stage index, lane kind) that get a target card at their top. */
  targets: { stage: number; lane: LaneKind; text: string }[];
  seed: number;
  timeoutMs: number;
}): Promise<SeedResult> {
  const { cookie } = options;
  let sent = 0;
  let acked = 0;
  const errors: string[] = [];
  class CookieSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override send(data: any, ...rest: any[]): void {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
      // [0 sync, 1 step2 | 2 update, …] are the frames the server acknowledges.
      if (bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2) && this.readyState === WebSocket.OPEN) sent++;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (super.send as any)(data, ...rest);
    }
  }
  const doc = new Y.Doc();
  const wsUrl = options.baseUrl.replace(/^http/, 'ws') + '/sync';
  const provider = new WebsocketProvider(wsUrl, options.mapId, doc, {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    WebSocketPolyfill: CookieSocket as any,
    disableBc: true, // Node has a BroadcastChannel: never bypass the server
    maxBackoffTime: 500,
  });
  provider.messageHandlers[100] = (_encoder, decoder) => {
    acked += decoding.readVarUint(decoder);
  };
  provider.messageHandlers[101] = (_encoder, decoder) => {
    errors.push(decoding.readVarString(decoder));
  };
  const until = async (what: string, condition: () => boolean) => {
    const end = Date.now() + options.timeoutMs;
    while (!condition()) {
      if (errors.length) throw new Error(`sync error while seeding (${what}): ${errors.join(', ')}`);
      if (Date.now() > end) throw new Error(`seeding: timed out waiting for ${what} (sent ${sent}, acked ${acked})`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  try {
    await until('the first sync', () => provider.synced);
    const stages = sortedStages(doc);
    const lanes = sortedLanes(doc);
    if (!stages.length || !lanes.length) throw new Error('seeding: the map has no stages or lanes (template not applied?)');
    const random = rng(options.seed);
    const cells = stages.flatMap((stage) => lanes.map((lane) => ({ stage, lane })));
    const toAdd = options.totalCards - cardsMap(doc).size - options.targets.length;
    const BATCH = 100;
    for (let added = 0; added < toAdd;) {
      const n = Math.min(BATCH, toAdd - added);
      doc.transact(() => {
        for (let i = 0; i < n; i++, added++) {
          const { stage, lane } = cells[added % cells.length];
          addCard(doc, {
            stageId: stage.id,
            laneId: lane.id,
            createdBy: options.userId,
            text: PHRASES[Math.floor(random() * PHRASES.length)],
            ...fieldsFor(lane.kind, random),
          });
        }
      });
      await until('acks', () => acked >= sent);
    }
    const targets: string[] = [];
    const targetCells: string[] = [];
    for (const target of options.targets) {
      const stage = stages[Math.min(target.stage, stages.length - 1)];
      const lane = lanes.find((l) => l.kind === target.lane) ?? lanes[0];
      targets.push(
        addCard(
          doc,
          { stageId: stage.id, laneId: lane.id, createdBy: options.userId, text: target.text, ...fieldsFor(lane.kind, random) },
          0,
        ),
      );
      targetCells.push(`${lane.name} · ${stage.name}`);
    }
    await until('acks', () => acked >= sent);
    return { cards: cardsMap(doc).size, targets, targetCells, docBytes: Y.encodeStateAsUpdate(doc).byteLength };
  } finally {
    provider.destroy();
    provider.awareness.destroy();
    doc.destroy();
  }
}
