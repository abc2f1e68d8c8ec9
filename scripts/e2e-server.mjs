// The server Playwright drives: the production build on a fresh data folder.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.env.LINTAS_DATA_DIR || '.lintas-e2e');
if (!dir.includes('e2e')) throw new Error(`refusing to wipe ${dir}: not an e2e data folder`);
fs.rmSync(dir, { recursive: true, force: true });
await import(path.resolve(import.meta.dirname, '..', 'dist', 'server.mjs'));
