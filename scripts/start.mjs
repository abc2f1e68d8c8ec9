// `npm start`: build if sources changed, then run the bundled server in production mode.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt } from './build.mjs';

const root = path.resolve(import.meta.dirname, '..');
await ensureBuilt();
const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist', 'server.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...process.env },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
