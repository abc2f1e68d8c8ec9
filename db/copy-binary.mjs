// Reading PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html,
// "Binary Format") for one bytea column: what `COPY (…) TO '/dev/blob' WITH (FORMAT binary)`
// hands back on PGlite. Plain JavaScript: the PGlite worker thread loads it as is.

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]; // PGCOPY\n\377\r\n\0

/**
 * The first column of every row, as bytes of their own (copies: a view would pin the whole
 * buffer), in row order. Throws on anything but a well-formed file of non-null values.
 */
export function byteaRowsOfCopy(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (offset, n) => {
    if (offset + n > bytes.byteLength) throw new Error(`binary COPY data ends early (at byte ${offset}, ${n} more expected)`);
  };
  need(0, SIGNATURE.length + 8);
  for (let i = 0; i < SIGNATURE.length; i++) if (bytes[i] !== SIGNATURE[i]) throw new Error('not binary COPY data (bad signature)');
  let offset = SIGNATURE.length + 4; // flags: bit 16 (OIDs) is never set for a query's COPY
  const extension = view.getUint32(offset);
  offset += 4 + extension;
  const rows = [];
  for (;;) {
    need(offset, 2);
    const fields = view.getInt16(offset);
    offset += 2;
    if (fields === -1) return rows; // the trailer
    if (fields < 1) throw new Error(`binary COPY row with ${fields} fields`);
    for (let f = 0; f < fields; f++) {
      need(offset, 4);
      const length = view.getInt32(offset);
      offset += 4;
      if (length < 0) throw new Error('binary COPY row holds a NULL');
      need(offset, length);
      if (f === 0) rows.push(bytes.slice(offset, offset + length));
      offset += length;
    }
  }
}
