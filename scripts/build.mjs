// Builds what `npm start` needs — the Next.js production build and the bundled custom server —
// only when a source file is newer than the last build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const stampFile = path.join(root, '.next', 'lintas-build-stamp');
const SOURCES = ['app', 'components', 'lib', 'db', 'messages', 'public', 'server.ts', 'proxy.ts', 'next.config.js', 'package-lock.json', 'tsconfig.json'];

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of fs.readdirSync(p)) {
    if (e === 'node_modules' || e.endsWith('.test.ts')) continue;
    max = Math.max(max, newestMtime(path.join(p, e)));
  }
  return max;
}

export async function buildServer({ outfile = path.join(root, 'dist', 'server.mjs') } = {}) {
  await build({
    entryPoints: [path.join(root, 'server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    alias: { 'server-only': path.join(root, 'test', 'server-only-stub.ts') },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
    sourcemap: 'linked',
  });
}

export async function ensureBuilt({ force = false } = {}) {
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  const stamp = fs.existsSync(stampFile) ? Number(fs.readFileSync(stampFile, 'utf8')) : -1;
  const serverOut = path.join(root, 'dist', 'server.mjs');
  if (!force && stamp >= newest && fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(serverOut)) {
    return false;
  }
  console.log('Building Lintas (sources changed since the last build)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error('next build failed');
  await buildServer();
  fs.writeFileSync(stampFile, String(newest));
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureBuilt({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
