// Translations that cannot rot: both languages hold the same keys, no empty text, and the same
// ICU placeholders (a `{count}` missing in one language would print the raw key or drop a value).
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import id from '@/messages/id.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Argument names used by an ICU message: `{name}`, `{count, plural, …}`, nested branches too. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  for (const m of message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)) names.add(m[1]);
  return [...names].sort();
}

function braceBalance(message: string): number {
  let depth = 0;
  for (const ch of message) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (depth < 0) return depth;
  }
  return depth;
}

const EN = flatten(en as Tree);
const ID = flatten(id as Tree);

describe('messages', () => {
  it('placeholders() finds simple and plural arguments', () => {
    expect(placeholders('Hi {name}')).toEqual(['name']);
    expect(placeholders('{count, plural, one {# card} other {# cards}} by {who}')).toEqual(['count', 'who']);
    expect(placeholders('no arguments')).toEqual([]);
  });

  it('id.json and en.json have the same keys', () => {
    const onlyEn = [...EN.keys()].filter((k) => !ID.has(k));
    const onlyId = [...ID.keys()].filter((k) => !EN.has(k));
    expect({ onlyEn, onlyId }).toEqual({ onlyEn: [], onlyId: [] });
  });

  it('no message is empty', () => {
    const empty = [...EN, ...ID].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('each message uses the same ICU placeholders in both languages', () => {
    const differ = [...EN.keys()]
      .filter((k) => ID.has(k))
      .filter((k) => placeholders(EN.get(k)!).join() !== placeholders(ID.get(k)!).join())
      .map((k) => `${k}: en {${placeholders(EN.get(k)!)}} id {${placeholders(ID.get(k)!)}}`);
    expect(differ).toEqual([]);
  });

  it('every message has balanced braces', () => {
    const broken = [...EN, ...ID].filter(([, v]) => braceBalance(v) !== 0).map(([k]) => k);
    expect(broken).toEqual([]);
  });
});
