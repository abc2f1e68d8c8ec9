// Factories and sync helpers for the lib/map tests (not part of the public API).

import * as Y from 'yjs';
import { expect } from 'vitest';
import { MapOperationError, type MapErrorCode } from './errors';
import { addLane, addStage } from './operations';
import type { LaneKind } from './types';

export const USER = 'user-1';

/** A document with `stages` stages (named S1..Sn) and one lane per kind given. */
export function makeMap(
  options: { stages?: number; lanes?: LaneKind[] } = {},
): { doc: Y.Doc; stageIds: string[]; lane: Record<LaneKind, string> } {
  const doc = new Y.Doc();
  const stageIds = Array.from({ length: options.stages ?? 3 }, (_, index) => addStage(doc, { name: `S${index + 1}` }));
  const lane = {} as Record<LaneKind, string>;
  for (const kind of options.lanes ?? ['actions', 'touchpoints', 'emotions', 'painpoints', 'opportunities']) {
    lane[kind] = addLane(doc, { kind, name: kind });
  }
  return { doc, stageIds, lane };
}

/** A second replica of `doc`, as another client would hold it after syncing. */
export function replicaOf(doc: Y.Doc): Y.Doc {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  return replica;
}

/** Sends to `to` whatever `from` has that `to` lacks. */
export function sendUpdates(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

export function syncAll(docs: Y.Doc[]): void {
  for (const from of docs) for (const to of docs) if (from !== to) sendUpdates(from, to);
}

export function expectMapError(run: () => unknown, code: MapErrorCode, field?: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${code}`).toBeInstanceOf(MapOperationError);
  expect((thrown as MapOperationError).code).toBe(code);
  if (field !== undefined) expect((thrown as MapOperationError).field).toBe(field);
}

/** Counts the updates `doc` emits while `run` runs (a no-op edit should emit none). */
export function countUpdates(doc: Y.Doc, run: () => void): number {
  let count = 0;
  const listener = () => count++;
  doc.on('update', listener);
  try {
    run();
  } finally {
    doc.off('update', listener);
  }
  return count;
}
