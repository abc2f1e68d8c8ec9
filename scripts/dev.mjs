// `npm run dev`: the custom server with Next in development mode (hot reload for app/ code).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildServer } from './build.mjs';

const root = path.resolve(import.meta.dirname, '..');
const outfile = path.join(root, 'dist', 'server-dev.mjs');
await buildServer({ outfile });
const child = spawn(process.execPath, ['--enable-source-maps', outfile, '--dev'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'development', NEXT_TELEMETRY_DISABLED: '1' },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
