// npm run bench:apply — what a client's own apply of the big map costs, whichever the server: the
// floor under bench:sync's "initial sync" row (issue 3: "initial sync time of a 5,000-card map",
// target ≤ 300 ms). The same 5,000-card document bench:sync serves (harness/world.ts), applied
// with `Y.applyUpdate` to an empty Y.Doc that has an 'update' listener, as the stock provider's
// does (Yjs then encodes every applied update again for that event):
//   - Node, in a fresh worker thread (Yjs never ran in it: a first visit), one thread per run;
//   - Node, in a warmed thread (three applies before, then a GC), as bench:sync's warmed joins;
//   - Chromium (Debian's, headless), in a fresh browser context (its own renderer), and the second
//     apply in that same tab.
// No network, no server: only the client's work. Prints a markdown table on stdout.
import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { chromium } from 'playwright-core';
import * as Y from 'yjs';
import { fmt, median } from './harness/stats';
import { buildMapDoc, cardCount } from './harness/world';

const argv = process.argv.slice(2);
const runsArg = argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? process.env.BENCH_APPLY_RUNS;
const RUNS = runsArg === undefined ? 5 : Number(runsArg);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs / BENCH_APPLY_RUNS must be a positive integer (got ${runsArg})`);
const CARDS = 5000;
const CHROMIUM = process.env.BENCH_CHROMIUM || '/usr/bin/chromium';
const log = (...parts: unknown[]) => process.stderr.write(`[bench:apply] ${parts.join(' ')}\n`);

const { state } = buildMapDoc(CARDS, '00000000-0000-4000-8000-000000000001', (i) => `Card ${i}: customers compare prices across marketplaces`);
const cards = cardCount(state);
if (cards < CARDS) throw new Error(`the document has ${cards} cards, expected ${CARDS}`);
log(`document: ${cards} cards, ${state.byteLength} bytes`);

/** One apply as the provider does it; answers [ms, cards]. Also the page's code (stringified). */
function applyOnce(Yjs: typeof Y, bytes: Uint8Array): [number, number] {
  const doc = new Yjs.Doc();
  doc.on('update', () => {});
  const t0 = performance.now();
  Yjs.applyUpdate(doc, bytes);
  const ms = performance.now() - t0;
  const n = doc.getMap('cards').size;
  doc.destroy();
  return [ms, n];
}

function checked([ms, n]: [number, number], where: string): number {
  if (n !== cards) throw new Error(`${where}: applied ${n} cards, expected ${cards}`);
  return ms;
}

// ---- Node ----

async function nodeFreshThread(): Promise<number> {
  const yjs = import.meta.resolve('yjs');
  const source =
    `const { parentPort, workerData } = require('node:worker_threads');` +
    `import(${JSON.stringify(yjs)}).then((Y) => {` +
    `  const apply = ${applyOnce.toString()};` +
    `  parentPort.postMessage(apply(Y, workerData));` +
    `}).catch((err) => { console.error(err); process.exit(1); });`;
  const worker = new Worker(source, { eval: true, workerData: state });
  try {
    const result = await new Promise<[number, number]>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`apply worker exited (${code})`)));
    });
    return checked(result, 'Node, fresh thread');
  } finally {
    await worker.terminate();
  }
}

function nodeWarmed(runs: number): number[] {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) checked(applyOnce(Y, state), 'Node, warm-up');
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    out.push(checked(applyOnce(Y, state), 'Node, warmed thread'));
  }
  return out;
}

// ---- Chromium ----

async function chromiumRuns(runs: number): Promise<{ cold: number[]; second: number[] }> {
  const page = buildSync({
    stdin: {
      contents: `import * as Y from 'yjs';\nconst apply = ${applyOnce.toString()};\nwindow.applyMap = async () => apply(Y, new Uint8Array(await (await fetch('/map')).arrayBuffer()));`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
  }).outputFiles[0].text;
  const server = http.createServer((req, res) => {
    if (req.url === '/map') return res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(state));
    if (req.url === '/page.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(page);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/page.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const cold: number[] = [];
  const second: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.goto(`http://127.0.0.1:${port}/`);
      const applyMap = () => tab.evaluate(() => (window as unknown as { applyMap: () => Promise<[number, number]> }).applyMap());
      cold.push(checked(await applyMap(), 'Chromium, fresh tab'));
      second.push(checked(await applyMap(), 'Chromium, same tab'));
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return { cold, second };
}

// ---- run ----

const rows: [string, number[]][] = [];
const fresh: number[] = [];
for (let i = 0; i < RUNS; i++) fresh.push(await nodeFreshThread());
rows.push(['Node, a fresh worker thread (Yjs never ran in it)', fresh]);
log('Node, fresh threads:', fresh.map((v) => fmt(v)).join(' / '));
const warmed = nodeWarmed(RUNS);
rows.push(['Node, a warmed thread (three applies before, then a GC)', warmed]);
log('Node, warmed:', warmed.map((v) => fmt(v)).join(' / '));
const browser = await chromiumRuns(RUNS);
rows.push(['Chromium, a fresh tab (new browser context)', browser.cold]);
rows.push(['Chromium, the same tab applying it again', browser.second]);
log('Chromium:', browser.cold.map((v) => fmt(v)).join(' / '), '| again:', browser.second.map((v) => fmt(v)).join(' / '));

const out = [
  `## A client's apply of the ${cards.toLocaleString('en-US')}-card map (${(state.byteLength / 2 ** 20).toFixed(2)} MiB), ${RUNS} runs each, Node ${process.versions.node}`,
  '',
  '| client | median | runs (ms) |',
  '| --- | ---: | --- |',
  ...rows.map(([name, xs]) => `| ${name} | ${fmt(median(xs))} ms | ${xs.map((v) => fmt(v)).join(' / ')} |`),
];
process.stdout.write(`${out.join('\n')}\n`);
