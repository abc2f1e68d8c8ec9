// Types of copy-binary.mjs.

/** The first column of every row of binary COPY data, as bytes of their own, in row order. */
export declare function byteaRowsOfCopy(bytes: Uint8Array): Uint8Array[];
