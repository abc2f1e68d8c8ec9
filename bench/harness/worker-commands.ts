// The worker side of the bench's thread protocol (editor-pool.ts's WorkerHandle): each message
// { id, cmd, args } runs `commands[cmd](args)` and answers { id, result } or { id, error }; the
// first message, { id: 0, result: ready }, tells the parent the thread has started.
import { parentPort } from 'node:worker_threads';

export type WorkerCommands = Record<string, (args: Record<string, number>) => Promise<unknown>>;

export function serveWorkerCommands(commands: WorkerCommands, ready: Record<string, unknown> = { ready: true }): void {
  parentPort?.on('message', async (msg: { id: number; cmd: string; args: Record<string, number> }) => {
    try {
      const command = commands[msg.cmd];
      if (!command) throw new Error(`unknown command ${msg.cmd}`);
      parentPort?.postMessage({ id: msg.id, result: await command(msg.args ?? {}) });
    } catch (err) {
      parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  });
  parentPort?.postMessage({ id: 0, result: ready });
}
