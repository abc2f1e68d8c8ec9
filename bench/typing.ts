// npm run bench:typing — typing into a card on a big map, in a real browser (issue 3's benchmark:
// "typing into a card on a map of 1,000 cards stays within one 16 ms frame, measured with a
// Playwright performance trace"; DESIGN.md's stretch: ≤ 8 ms per keystroke). See bench/README.md.
//
// Starts the production build on a fresh PGlite folder, grows maps to 1,000 and 50 cards through
// the sync server, opens them in Chromium (1440×900) and types 200 characters into one card at a
// human cadence while Chrome traces the renderer. Prints markdown tables on stdout (progress on
// stderr). A measurement, not a test: exits 0 whatever the numbers, non-zero only when the setup
// breaks (build, server, sign-in, seeding, a map that does not open, a trace without keystrokes).
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { armTypist, readTypist, startWatching, stopWatching, TYPIST_PROBE, type TypistRecords, type WatchRecord } from './typing/in-page';
import { cpuWindow, machineLine, waitForQuiet, type CpuWindow } from './typing/machine';
import { rng, seedMap } from './typing/seed';
import { ensureBuilt, killServers, pickPort, startAppServer, type AppServer } from './typing/server';
import { analyzeTrace, BUCKETS, TRACE_CATEGORIES, type TraceSummary } from './typing/trace';

// ---- configuration ----

const argv = process.argv.slice(2);
const argValue = (key: string): string | undefined => argv.find((a) => a.startsWith(`--${key}=`))?.slice(key.length + 3);
const num = (key: string, env: string, fallback: number): number => {
  const raw = argValue(key) ?? process.env[env];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${key} / ${env} must be a non-negative number (got ${raw})`);
  return value;
};
const quick = argv.includes('--quick');
const config = {
  sizes: (argValue('cards') ?? process.env.BENCH_TYPING_CARDS ?? '1000,50')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0),
  keys: num('keys', 'BENCH_TYPING_KEYS', quick ? 40 : 200),
  warmup: num('warmup', 'BENCH_TYPING_WARMUP', quick ? 10 : 20),
  minDelay: num('min-delay', 'BENCH_TYPING_MIN_DELAY', 50),
  maxDelay: num('max-delay', 'BENCH_TYPING_MAX_DELAY', 80),
  observer: (argValue('observer') ?? process.env.BENCH_TYPING_OBSERVER ?? '1') !== '0',
  untraced: (argValue('untraced') ?? process.env.BENCH_TYPING_UNTRACED ?? '1') !== '0',
  port: num('port', 'BENCH_TYPING_PORT', 3500),
  quiet: num('quiet', 'BENCH_TYPING_QUIET', 40),
  quietWait: num('quiet-wait', 'BENCH_TYPING_QUIET_WAIT', quick ? 10 : 60),
  /** Extra attempts of a pass during which other processes used ≥ `quiet` % of a core. */
  retries: num('retries', 'BENCH_TYPING_RETRIES', quick ? 0 : 2),
  timeout: num('timeout', 'BENCH_TYPING_TIMEOUT', 900),
  keepTrace: argValue('keep-trace') ?? process.env.BENCH_TYPING_KEEP_TRACE ?? '',
  /** A folder: the untraced pass also records a V8 CPU profile of the page (`.cpuprofile`, DevTools). */
  jsProfile: argValue('js-profile') ?? process.env.BENCH_TYPING_JS_PROFILE ?? '',
  /** A CSS file added to every opened map page: try a style change without rebuilding the app. */
  css: argValue('css') ?? process.env.BENCH_TYPING_CSS ?? '',
};
if (!config.sizes.length) throw new Error('--cards / BENCH_TYPING_CARDS: a comma-separated list of card counts');
if (config.keys < 5) throw new Error('at least 5 keystrokes');
if (config.maxDelay < config.minDelay) throw new Error('max delay < min delay');

const TARGET_TEXT = 'Courier does not call ahead';
const FRAME_MS = 16;
const STRETCH_MS = 8;
const PASSWORD = 'correct horse battery';
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const TEXT =
  ' Buyers in Medan say the courier never calls before arriving, so parcels go back to the depot and the refund takes two weeks;' +
  ' add a WhatsApp notice the evening before delivery and let them pick a time slot.';

const log = (...parts: unknown[]) => process.stderr.write(`[bench:typing ${new Date().toISOString().slice(11, 19)}] ${parts.join(' ')}\n`);

// ---- cleanup: every exit path closes the browser, stops the server, removes its data folder ----

let browser: Browser | null = null;
let server: AppServer | null = null;
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    const b = browser;
    browser = null;
    await Promise.race([b?.close().catch(() => {}), sleep(10_000)]);
    const s = server;
    server = null;
    await Promise.race([s?.stop().catch((err) => log('could not stop the server:', err)), sleep(15_000)]);
  })();
  return cleaning;
}
process.on('exit', () => {
  killServers();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  log(`watchdog: still running after ${config.timeout} s, giving up`);
  void cleanup().finally(() => process.exit(2));
}, config.timeout * 1000);
watchdog.unref();

function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

// ---- statistics ----

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
const max = (values: number[]) => (values.length ? Math.max(...values) : NaN);
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);
function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}
const dist = (values: number[]) =>
  `${fmt(percentile(values, 50))} / ${fmt(percentile(values, 95))} / ${fmt(percentile(values, 99))} / ${fmt(max(values))}`;

// ---- people, workspace, maps (through the API, as e2e/map-fixtures.ts does) ----

interface Person {
  name: string;
  id: string;
  context: BrowserContext;
  cookie: string;
}

let seq = 0;
async function makePerson(b: Browser, baseURL: string, name: string): Promise<Person> {
  const context = await b.newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}-${++seq}@example.com`;
  const signUp = await context.request.post('/api/auth/signup', { data: { name, email, password: PASSWORD, locale: 'en' } });
  if (signUp.status() !== 201) throw new Error(`sign-up failed: ${signUp.status()} ${await signUp.text()}`);
  const { csrfToken } = await (await context.request.get('/api/auth/csrf')).json();
  const signIn = await context.request.post('/api/auth/callback/credentials', {
    form: { email, password: PASSWORD, csrfToken, json: 'true', callbackUrl: '/' },
    maxRedirects: 0,
  });
  if (signIn.status() >= 400) throw new Error(`sign-in failed: ${signIn.status()}`);
  const session = await (await context.request.get('/api/auth/session')).json();
  if (!session?.user?.id) throw new Error(`no session after sign-in: ${JSON.stringify(session)}`);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  return { name, id: session.user.id, context, cookie };
}

async function api(person: Person, method: 'post', url: string, data?: unknown, status = 201) {
  const res = await person.context.request[method](url, data === undefined ? {} : { data });
  if (res.status() !== status) throw new Error(`${method.toUpperCase()} ${url}: ${res.status()} ${await res.text()}`);
  return res.json();
}

async function openMap(page: Page, slug: string, mapId: string): Promise<number> {
  const started = performance.now();
  await page.goto(`/w/${slug}/maps/${mapId}`, { timeout: 60_000 });
  if (config.css) await page.addStyleTag({ content: fs.readFileSync(config.css, 'utf8') });
  await page.getByRole('region', { name: 'Journey map' }).waitFor({ state: 'visible', timeout: 60_000 });
  await page
    .getByRole('status', { name: 'Save status' })
    .filter({ hasText: /^(Saved|Live)$/ })
    .waitFor({ timeout: 60_000 });
  return performance.now() - started;
}

// ---- one typing pass ----

type PassKind = 'traced' | 'untraced' | 'observed';

interface PassResult {
  kind: PassKind;
  cards: number;
  trace: TraceSummary | null;
  inPage: TypistRecords;
  /** Keystroke (keydown in the typist's page) → the text visible in the observer's page, ms. */
  remote: number[];
  remoteMissing: number;
  cpu: CpuWindow;
  quietBefore: { othersPct: number; waitedMs: number };
  meanIntervalMs: number;
  savedAfterMs: number | null;
}

const textarea = (page: Page, cardId: string) => page.locator(`[data-card-id="${cardId}"] textarea`);

/** Scrolls the cell labelled `cell` ("lane · stage") into view, as a user would (far cells show no cards), and waits for the card's text. */
async function showCard(page: Page, cell: string, cardId: string): Promise<void> {
  // The target cards are at the top of their cells: bring the cell's top into view.
  await page.getByRole('group', { name: cell, exact: true }).evaluate((element) => element.scrollIntoView({ block: 'start' }), undefined, { timeout: 10_000 });
  await textarea(page, cardId).waitFor({ timeout: 15_000 });
  // The cards around it render and take their real sizes over the next frames (on a 5,000-card map
  // that can move the card out of the window and back once): wait until it has stayed put.
  for (let stable = 0, tries = 0; stable < 3 && tries < 50; tries++) {
    await sleep(100);
    stable = (await textarea(page, cardId).count()) === 1 ? stable + 1 : 0;
  }
  await textarea(page, cardId).waitFor({ timeout: 15_000 });
}

async function typeAtCadence(page: Page, text: string, random: () => number): Promise<number> {
  const started = performance.now();
  let at = started;
  for (const ch of text) {
    const wait = at - performance.now();
    if (wait > 0) await sleep(wait);
    await page.keyboard.type(ch);
    at += config.minDelay + random() * (config.maxDelay - config.minDelay);
  }
  return text.length > 1 ? (performance.now() - started) / text.length : NaN;
}

async function waitSaved(page: Page, timeoutMs: number): Promise<number | null> {
  const started = performance.now();
  try {
    await page
      .getByRole('status', { name: 'Save status' })
      .filter({ hasText: /^Saved$/ })
      .waitFor({ timeout: timeoutMs });
    return performance.now() - started;
  } catch {
    return null;
  }
}

async function runPass(options: {
  kind: PassKind;
  cards: number;
  page: Page;
  cardId: string;
  /** The label of the card's cell ("lane · stage"). */
  cell: string;
  observer: Page | null;
  seed: number;
}): Promise<PassResult> {
  const { kind, page, cardId, cell, observer } = options;
  const random = rng(options.seed);
  await showCard(page, cell, cardId);
  if (observer) await showCard(observer, cell, cardId);
  const area = textarea(page, cardId);
  await area.scrollIntoViewIfNeeded({ timeout: 10_000 });
  await area.focus();
  await area.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
  const before = await area.inputValue();

  // Warm-up (JIT, caches, the first "Saving…"): typed, not measured.
  const warm = TEXT.slice(0, config.warmup);
  await typeAtCadence(page, warm, random);
  if ((await waitSaved(page, 15_000)) === null) log('⚠ warm-up edits not saved within 15 s');
  const start = before + warm;
  if (observer) {
    const remote = textarea(observer, cardId);
    const end = Date.now() + 15_000;
    while ((await remote.inputValue()) !== start) {
      if (Date.now() > end) throw new Error('the observer never saw the warm-up text');
      await sleep(50);
    }
    await observer.evaluate(startWatching(cardId));
  }

  const quietBefore = await waitForQuiet(config.quiet, config.quietWait * 1000);
  if (quietBefore.othersPct >= config.quiet) log(`⚠ other processes use ${quietBefore.othersPct.toFixed(0)} % of a core: measuring anyway`);

  const typed = repeatTo(TEXT.slice(config.warmup) + TEXT, config.keys);
  await page.evaluate(armTypist(true));
  const traced = kind !== 'untraced';
  if (traced) await browser!.startTracing(page, { categories: TRACE_CATEGORIES });
  const profiler = !traced && config.jsProfile ? await page.context().newCDPSession(page) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 100 });
    await profiler.send('Profiler.start');
  }
  const cpu = cpuWindow();
  const meanIntervalMs = await typeAtCadence(page, typed, random);
  await sleep(300); // the last keystroke's frame
  const cpuResult = cpu();
  const buffer = traced ? await browser!.stopTracing() : null;
  if (profiler) {
    const { profile } = await profiler.send('Profiler.stop');
    fs.mkdirSync(config.jsProfile, { recursive: true });
    const file = path.join(config.jsProfile, `typing-${options.cards}-${kind}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    log(`JS profile kept: ${file}`);
    await profiler.detach();
  }
  await page.evaluate(armTypist(false));
  const inPage = (await page.evaluate(readTypist)) as TypistRecords;

  const value = await area.inputValue();
  if (value !== start + typed) throw new Error(`the card holds ${JSON.stringify(value.slice(-40))}…, not what was typed`);
  const savedAfterMs = await waitSaved(page, 15_000);

  let remote: number[] = [];
  let remoteMissing = 0;
  if (observer) {
    const remoteArea = textarea(observer, cardId);
    const end = Date.now() + 15_000;
    while ((await remoteArea.inputValue()).length < value.length && Date.now() < end) await sleep(50);
    const records = (await observer.evaluate(stopWatching)) as WatchRecord[];
    ({ remote, remoteMissing } = remoteLatencies(inPage, records, start.length));
  }

  let trace: TraceSummary | null = null;
  if (buffer) {
    if (config.keepTrace) {
      fs.mkdirSync(config.keepTrace, { recursive: true });
      const file = path.join(config.keepTrace, `typing-${options.cards}-${kind}.json`);
      fs.writeFileSync(file, buffer);
      log(`trace kept: ${file}`);
    }
    trace = analyzeTrace(buffer);
    if (trace.keydowns !== typed.length) throw new Error(`the trace holds ${trace.keydowns} keydowns, ${typed.length} were typed`);
  }
  return { kind, cards: options.cards, trace, inPage, remote, remoteMissing, cpu: cpuResult, quietBefore, meanIntervalMs, savedAfterMs };
}

function repeatTo(text: string, n: number): string {
  let out = '';
  while (out.length < n) out += text;
  return out.slice(0, n);
}

/** Key i made the text `base + i + 1` long: the first observer frame with that length shows it. */
function remoteLatencies(typist: TypistRecords, records: WatchRecord[], base: number) {
  const remote: number[] = [];
  let remoteMissing = 0;
  typist.keys.forEach((key, i) => {
    const seen = records.find((r) => r.length >= base + i + 1);
    if (seen) remote.push(seen.abs - key.abs);
    else remoteMissing++;
  });
  return { remote, remoteMissing };
}

// ---- report ----

function verdict(p95: number): string {
  if (!Number.isFinite(p95)) return '—';
  return `16 ms ${p95 <= FRAME_MS ? '✅' : '❌'} · 8 ms ${p95 <= STRETCH_MS ? '✅' : '❌'}`;
}

const label = (r: PassResult) =>
  `${r.cards.toLocaleString('en-US')} cards${r.kind === 'observed' ? ', 2nd client watching' : ''}${r.cpu.othersPct >= config.quiet ? ' ⚠ busy machine' : ''}`;

function report(results: PassResult[], meta: { machine: string; notes: string[] }) {
  const out: string[] = [];
  const traced = results.filter((r) => r.trace);
  out.push('## Typing into a card (`npm run bench:typing`)', '');
  out.push(`Machine: ${meta.machine}.`, '');
  out.push(
    `Per keystroke: main-thread busy time from the task that dispatched keydown to the end of the first frame rendered after the input event (Chrome trace of the renderer; ${config.keys} keystrokes, ${config.minDelay}–${config.maxDelay} ms apart, after ${config.warmup} unmeasured). Target column judged on p95: one 16 ms frame (issue 3), 8 ms (DESIGN.md stretch).`,
    '',
  );
  out.push('| map size | keystrokes | p50 | p95 | p99 | max (ms) | frames over 16 ms | target |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of traced) {
    const t = r.trace!;
    const work = t.keys.map((k) => k.workToFrame);
    const over = t.frames.filter((f) => f.duration > FRAME_MS).length;
    out.push(
      `| ${label(r)} | ${work.length} | ${fmt(percentile(work, 50))} | ${fmt(percentile(work, 95))} | ${fmt(percentile(work, 99))} | ${fmt(max(work))} | ${over} of ${t.frames.length} | ${verdict(percentile(work, 95))} |`,
    );
  }
  out.push('');
  out.push('### Details (p50 / p95 / p99 / max, ms, unless stated)', '');
  const header = results.map((r) => `${label(r)}${r.kind === 'untraced' ? ', no trace' : ''}`);
  out.push(`| | ${header.join(' | ')} |`);
  out.push(`| --- | ${results.map(() => '---:').join(' | ')} |`);
  const row = (name: string, cell: (r: PassResult) => string) => out.push(`| ${name} | ${results.map(cell).join(' | ')} |`);
  const tr = (f: (t: TraceSummary) => string) => (r: PassResult) => (r.trace ? f(r.trace) : '—');
  row(
    'keydown → next frame, main-thread busy (the table above)',
    tr((t) => dist(t.keys.map((k) => k.workToFrame))),
  );
  row(
    'keydown → next frame, main-thread CPU time (thread time of the same tasks)',
    tr((t) => dist(t.keys.map((k) => k.cpuToFrame))),
  );
  row(
    'keydown → next frame, wall',
    tr((t) => dist(t.keys.map((k) => k.wallToFrame))),
  );
  row(
    '  keydown task (keydown, keypress, text insertion, input handlers)',
    tr((t) => dist(t.keys.map((k) => k.inputTask))),
  );
  row(
    '  frame task (rAF, style, layout, paint, layerize, commit)',
    tr((t) => dist(t.keys.map((k) => k.frameTask))),
  );
  row(
    'keystrokes handled inside a frame task (main thread behind)',
    tr((t) => `${t.keys.filter((k) => k.inFrame).length} of ${t.keys.length}`),
  );
  row(
    'style + layout per keystroke',
    tr((t) => dist(t.keys.map((k) => k.styleLayout))),
  );
  row(
    'layouts per keystroke (mean) · dirty objects (max) · layout tree objects',
    tr(
      (t) =>
        `${fmt(mean(t.keys.map((k) => k.layouts)))} · ${max(t.keys.map((k) => k.dirtyObjects))} · ${max(t.keys.map((k) => k.treeObjects)).toLocaleString('en-US')}`,
    ),
  );
  row(
    'all main-thread work per keystroke, until the next keydown (keyup, acks, IndexedDB…)',
    tr((t) => dist(t.keys.map((k) => k.busyUntilNextKey))),
  );
  row(
    "where the main thread's time goes, ms per keystroke (mean, self time)",
    tr((t) =>
      BUCKETS.filter((b) => t.breakdown[b] >= 0.05)
        .map((b) => `${b} ${fmt(t.breakdown[b])}`)
        .join(' · '),
    ),
  );
  row(
    "the watcher's page (observer pass): main-thread CPU · busy · layout, ms per keystroke (mean)",
    tr((t) => (t.watcher ? `${fmt(t.watcher.cpu)} · ${fmt(t.watcher.busy)} · ${fmt(t.watcher.layout)}` : '—')),
  );
  row(
    'main thread busy while typing (% of wall time)',
    tr((t) => `${fmt((t.tasks.reduce((a, b) => a + b, 0) / t.windowMs) * 100, 0)} %`),
  );
  row(
    'Event Timing: keydown → next frame presented (INP-style)',
    tr((t) => (t.keys.every((k) => k.eventTiming !== null) ? dist(t.keys.map((k) => k.eventTiming!)) : '—')),
  );
  row(
    'tasks > 16 ms / > 50 ms (trace)',
    tr((t) => `${t.tasks.filter((d) => d > 16).length} / ${t.tasks.filter((d) => d > 50).length} of ${t.tasks.length}`),
  );
  row(
    'frames (animation frames) > 16 ms / > 50 ms · frames per keystroke',
    tr(
      (t) =>
        `${t.frames.filter((f) => f.duration > 16).length} / ${t.frames.filter((f) => f.duration > 50).length} of ${t.frames.length} · ${fmt(t.frames.length / Math.max(1, t.keys.length))}`,
    ),
  );
  row('in-page: keydown → after the next frame (rAF + MessageChannel), wall', (r) => dist(inPageToFrame(r.inPage)));
  row('in-page: keydown → input handlers done', (r) =>
    dist(r.inPage.keys.filter((k) => k.tInput !== undefined).map((k) => k.tInput! - k.t0)),
  );
  row(
    'in-page: PerformanceObserver longtask entries (≥ 50 ms)',
    (r) => `${r.inPage.longTasks.length} (longest ${fmt(max(r.inPage.longTasks.map((l) => l.duration)), 0)} ms)`,
  );
  row('keystroke → text visible in the other browser', (r) =>
    r.kind === 'observed' ? `${dist(r.remote)}${r.remoteMissing ? ` (${r.remoteMissing} never seen)` : ''}` : '—',
  );
  row('mean keystroke interval achieved', (r) => `${fmt(r.meanIntervalMs, 0)} ms`);
  row('"Saved" shown, after the pass ended (300 ms after the last keystroke; the header says "Saved" 500 ms after the last edit)', (r) => (r.savedAfterMs === null ? 'not within 15 s' : `${fmt(r.savedAfterMs, 0)} ms`));
  row(
    'CPU while typing: bench + server + browser / other processes (% of one core)',
    (r) => `${fmt(r.cpu.oursPct, 0)} % / ${fmt(r.cpu.othersPct, 0)} %${r.cpu.othersPct >= config.quiet ? ' ⚠' : ''}`,
  );
  out.push('');
  for (const note of meta.notes) out.push(`- ${note}`);
  out.push('');
  process.stdout.write(out.join('\n') + '\n');
}

function inPageToFrame(records: TypistRecords): number[] {
  return records.keys.filter((k) => k.tAfter !== undefined).map((k) => k.tAfter! - k.t0);
}

// ---- main ----

async function main() {
  if (!CHROMIUM) throw new Error('Chromium not found at /usr/bin/chromium');
  ensureBuilt(log, 15 * 60_000);
  const port = await pickPort(config.port);
  log(`starting the app server on port ${port}`);
  server = await startAppServer({ port, startTimeoutMs: 90_000 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  const machine = machineLine(browser.version());
  log(machine);

  const owner = await makePerson(browser, server.baseUrl, 'Dewi Lestari');
  const slug = (await api(owner, 'post', '/api/workspaces', { name: 'Typing bench' })).workspace.slug as string;
  let watcher: Person | null = null;
  if (config.observer) {
    watcher = await makePerson(browser, server.baseUrl, 'Agus Santoso');
    const { token } = await api(owner, 'post', `/api/workspaces/${slug}/invitations`, { role: 'editor', expiresInDays: 7 });
    await api(watcher, 'post', `/api/invitations/${token}/accept`, undefined, 200);
  }
  await owner.context.addInitScript({ content: TYPIST_PROBE });

  const results: PassResult[] = [];
  const notes: string[] = [];
  if (config.css) notes.push(`⚠ CSS from ${config.css} was added to every map page: these figures are not the app as built.`);
  let seed = 1;
  for (const cards of config.sizes) {
    const mapId = (await api(owner, 'post', `/api/workspaces/${slug}/maps`, { title: `${cards} cards`, template: 'b2c' })).map.id as string;
    const passes: PassKind[] = [
      'traced',
      ...(config.untraced ? (['untraced'] as const) : []),
      ...(config.observer ? (['observed'] as const) : []),
    ];
    const seeded = await seedMap({
      baseUrl: server.baseUrl,
      mapId,
      cookie: owner.cookie,
      userId: owner.id,
      totalCards: cards,
      // Pain-point cards at the top of their cells, one per pass (each pass types into its own card).
      targets: passes.map((_, i) => ({ stage: 2 + i, lane: 'painpoints' as const, text: TARGET_TEXT })),
      seed: seed++,
      timeoutMs: 60_000,
    });
    log(`map of ${seeded.cards} cards (${(seeded.docBytes / 1024).toFixed(0)} KiB) stored; typing into ${seeded.targetCells.join(', ')}`);
    const page = await owner.context.newPage();
    const openMs = await openMap(page, slug, mapId);
    const rendered = await page.locator('[data-card-id]').count();
    notes.push(
      `${cards.toLocaleString('en-US')}-card map: opened (navigation → "Saved"/"Live") in ${(openMs / 1000).toFixed(1)} s, ${rendered} of ${seeded.cards} cards rendered at the top of the board (far cells render none), document ${(seeded.docBytes / 1024).toFixed(0)} KiB.`,
    );
    for (const [i, kind] of passes.entries()) {
      let observerPage: Page | null = null;
      if (kind === 'observed') {
        observerPage = await watcher!.context.newPage();
        await openMap(observerPage, slug, mapId);
      }
      let result: PassResult | null = null;
      for (let attempt = 0; attempt <= config.retries; attempt++) {
        log(`${cards} cards, ${kind}: typing ${config.keys} keys${attempt ? ` (attempt ${attempt + 1})` : ''}…`);
        let cardId = seeded.targets[i];
        let cell = seeded.targetCells[i];
        if (attempt > 0) {
          // A fresh card for the new attempt, added through the sync server like the others.
          const spare = await seedMap({
            baseUrl: server!.baseUrl,
            mapId,
            cookie: owner.cookie,
            userId: owner.id,
            totalCards: 0,
            targets: [{ stage: 2 + i, lane: 'painpoints', text: TARGET_TEXT }],
            seed: seed++,
            timeoutMs: 60_000,
          });
          cardId = spare.targets[0];
          cell = spare.targetCells[0];
        }
        const run = await runPass({ kind, cards, page, cardId, cell, observer: observerPage, seed: seed++ });
        if (!result || run.cpu.othersPct < result.cpu.othersPct) result = run;
        if (run.cpu.othersPct < config.quiet) break;
        log(
          `  ⚠ other processes used ${fmt(run.cpu.othersPct, 0)} % of a core while typing${attempt < config.retries ? ': typing again' : ''}`,
        );
      }
      results.push(result!);
      if (result!.trace) {
        const w = result!.trace.keys.map((k) => k.workToFrame);
        log(`  keydown → frame busy p50 ${fmt(percentile(w, 50))} p95 ${fmt(percentile(w, 95))} max ${fmt(max(w))} ms`);
      } else log(`  in-page keydown → frame p50 ${fmt(percentile(inPageToFrame(result!.inPage), 50))} ms`);
      await observerPage?.close();
    }
    await page.close();
  }
  notes.push(
    'Busy time is the union of the renderer main thread\'s top-level tasks (`ThreadControllerImpl::RunTask`); the "next frame" is the first task holding `BeginMainThreadFrame` after the input event ended. The trace uses only the `toplevel`, `devtools.timeline` and `disabled-by-default-devtools.timeline.frame` categories; the "no trace" column repeats the pass without tracing to show the tracing overhead on the in-page numbers. CPU time is the thread time of the same tasks: where it is well below the busy time, the main thread was waiting for one of the machine’s cores (shared with the bench, the server and the browser’s other processes) or for the compositor, not working.',
    'Each pass types into its own pain-point card at the top of a cell (stages 3, 4, 5; a retried pass gets a fresh card, added through the sync server, in the same cell); the card grows to about ' +
      `${config.keys + config.warmup + TARGET_TEXT.length} characters, so it wraps onto new lines while typing.`,
    "The observer pass: a second person (editor) has the map open in another browser context (its own renderer process, same machine); the latency is keydown in the typist's page → first animation frame in which the observer's textarea holds that character (both clocks are `performance.timeOrigin`-based; rAF polling adds up to one frame).",
    'PerformanceObserver `longtask` only reports tasks ≥ 50 ms (fixed by the API): tasks over 16 ms come from the trace.',
    '"other" in the self-time row is task time that no event of the light trace categories accounts for: commit, parts of the rendering lifecycle, IPC, IndexedDB, WebSocket.',
  );
  report(results, { machine, notes });
}

main()
  .then(async () => {
    await cleanup();
    clearTimeout(watchdog);
    process.exit(0);
  })
  .catch(async (err) => {
    log('setup failed:', err instanceof Error ? (err.stack ?? err.message) : String(err));
    if (server) log('server output:\n' + server.tail());
    await cleanup();
    process.exit(1);
  });
