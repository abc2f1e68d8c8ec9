// Short random ids for stages, lanes and cards.
// crypto.randomUUID needs a secure context in browsers; getRandomValues works everywhere (and in Node 20).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
/** 14 symbols × 6 bits = 84 bits: collisions within one map are not a practical concern. */
const ID_LENGTH = 14;

export function newId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(ID_LENGTH));
  let id = '';
  // 64 symbols, so masking a byte to 6 bits keeps the distribution uniform.
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}
