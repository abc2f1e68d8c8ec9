// TEMPORARY experiment driver (not to be committed): one server + one 1,000-card map, then A/B
// CSS variants injected into the page, measured with the bench's trace analysis.
// Jobs: JSON files dropped into /tmp/exp/queue: { variants: [{ name, css }], reps, keys }.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { rng, seedMap } from './typing/seed';
import { ensureBuilt, startAppServer } from './typing/server';
import { analyzeTrace, BUCKETS, TRACE_CATEGORIES } from './typing/trace';

const log = (...p: unknown[]) => process.stderr.write(`[exp ${new Date().toISOString().slice(11, 19)}] ${p.join(' ')}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (v: number[], p: number) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1];
};
const TEXT = 'Buyers in Medan say the courier never calls before arriving so parcels go back to the depot ';
const CARDS = Number(process.env.EXP_CARDS ?? 1000);

async function main() {
  ensureBuilt(log, 15 * 60_000);
  const server = await startAppServer({ port: 3600, startTimeoutMs: 90_000 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    const email = `exp-${Date.now()}@example.com`;
    await context.request.post('/api/auth/signup', { data: { name: 'Exp', email, password: 'correct horse battery', locale: 'en' } });
    const { csrfToken } = await (await context.request.get('/api/auth/csrf')).json();
    await context.request.post('/api/auth/callback/credentials', {
      form: { email, password: 'correct horse battery', csrfToken, json: 'true', callbackUrl: '/' },
      maxRedirects: 0,
    });
    const userId = (await (await context.request.get('/api/auth/session')).json()).user.id;
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const slug = (await (await context.request.post('/api/workspaces', { data: { name: 'Exp' } })).json()).workspace.slug;
    const mapId = (await (await context.request.post(`/api/workspaces/${slug}/maps`, { data: { title: 'x', template: 'b2c' } })).json()).map.id;
    const seeded = await seedMap({
      baseUrl: server.baseUrl,
      mapId,
      cookie,
      userId,
      totalCards: CARDS,
      targets: [{ stage: 2, lane: 'painpoints', text: 'Courier does not call ahead' }],
      seed: 1,
      timeoutMs: 60_000,
    });
    const page = await context.newPage();
    await page.goto(`/w/${slug}/maps/${mapId}`);
    await page.getByRole('status', { name: 'Save status' }).filter({ hasText: /^(Saved|Live)$/ }).waitFor({ timeout: 60_000 });
    log('ready', server.baseUrl, `/w/${slug}/maps/${mapId}`);
    fs.writeFileSync('/tmp/exp/url', `${server.baseUrl}/w/${slug}/maps/${mapId}\n`);
    const cardId = seeded.targets[0];
    const area = page.locator(`[data-card-id="${cardId}"] textarea`);
    fs.mkdirSync('/tmp/exp/queue', { recursive: true });
    for (;;) {
      const jobs = fs.readdirSync('/tmp/exp/queue').filter((f) => f.endsWith('.json'));
      if (!jobs.length) {
        await sleep(500);
        continue;
      }
      const file = path.join('/tmp/exp/queue', jobs.sort()[0]);
      const job = JSON.parse(fs.readFileSync(file, 'utf8'));
      fs.renameSync(file, file + '.running');
      if (job.quit) break;
      if (job.eval) {
        let result: unknown;
        try {
          const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
          result = await new AsyncFunction('page', 'browser', 'area', 'fs', 'analyzeTrace', job.eval)(page, browser, area, fs, analyzeTrace);
        } catch (err) {
          result = String((err as Error).stack);
        }
        fs.writeFileSync(file.replace(/\.json$/, '.out'), typeof result === 'string' ? result : JSON.stringify(result, null, 1));
        fs.rmSync(file + '.running');
        continue;
      }
      const out: string[] = [];
      const results: Record<string, number[][]> = {};
      for (let rep = 0; rep < (job.reps ?? 2); rep++) {
        for (const variant of job.variants) {
          await page.evaluate((css: string) => {
            let el = document.getElementById('exp-style');
            if (!el) {
              el = document.createElement('style');
              el.id = 'exp-style';
              document.head.appendChild(el);
            }
            el.textContent = css;
          }, variant.css ?? '');
          if (variant.js) await page.evaluate(variant.js);
          await area.scrollIntoViewIfNeeded();
          await area.fill('Courier does not call ahead');
          await area.focus();
          await area.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
          await page.keyboard.type('. ', { delay: 60 });
          await sleep(800);
          const random = rng(rep + 7);
          await browser.startTracing(page, { categories: TRACE_CATEGORIES });
          for (const ch of TEXT.slice(0, job.keys ?? 40)) {
            await page.keyboard.type(ch);
            await sleep(50 + random() * 30);
          }
          await sleep(300);
          const buf = await browser.stopTracing();
          if (job.keep) fs.writeFileSync(`/tmp/exp/${variant.name}-${rep}.json`, buf);
          const t = analyzeTrace(buf);
          const w = t.keys.map((k) => k.workToFrame);
          (results[variant.name] ??= []).push(w);
          const line = `${variant.name.padEnd(24)} rep${rep} p50 ${pct(w, 50).toFixed(1)} p95 ${pct(w, 95).toFixed(1)} | sl ${pct(
            t.keys.map((k) => k.styleLayout),
            50,
          ).toFixed(1)} tree ${Math.max(...t.keys.map((k) => k.treeObjects))} | ${BUCKETS.map((b) => `${b} ${t.breakdown[b].toFixed(1)}`).join(' · ')}`;
          log(line);
          out.push(line);
        }
      }
      for (const [name, reps] of Object.entries(results)) {
        const all = reps.flat();
        out.push(`== ${name.padEnd(24)} all p50 ${pct(all, 50).toFixed(1)} p95 ${pct(all, 95).toFixed(1)}`);
      }
      fs.writeFileSync(file.replace(/\.json$/, '.out'), out.join('\n') + '\n');
      fs.rmSync(file + '.running');
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  log(err.stack);
  process.exit(1);
});
