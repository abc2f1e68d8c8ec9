// CPU readings from /proc: the whole machine, and this bench's own process tree (the bench, the
// app server, Chromium and its renderers), so that other work on the machine can be reported.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  /* 100 Hz is the Linux default */
}

/** Busy CPU time of the whole machine (all cores), in ms. */
export function machineBusyMs(): number {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]; // cpu user nice system idle iowait irq softirq steal
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const busy = f[0] + f[1] + f[2] + (f[5] ?? 0) + (f[6] ?? 0) + (f[7] ?? 0);
    return (busy * 1000) / clockTicks;
  } catch {
    return NaN;
  }
}

/** CPU time (ms) of `root` and every process descending from it. */
export function treeCpuMs(root: number = process.pid): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      cpu.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks);
    } catch {
      /* gone */
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, ms] of cpu) if (inTree(pid)) total += ms;
  return total;
}

export interface CpuWindow {
  /** CPU of processes outside the bench's tree, in % of one core, over the window. */
  othersPct: number;
  /** CPU of the bench's tree (bench, server, browser), in % of one core. */
  oursPct: number;
}

export function cpuWindow(): () => CpuWindow {
  const t0 = performance.now();
  const m0 = machineBusyMs();
  const o0 = treeCpuMs();
  return () => {
    const wall = performance.now() - t0;
    const ours = treeCpuMs() - o0;
    const machine = machineBusyMs() - m0;
    return { othersPct: (Math.max(0, machine - ours) / wall) * 100, oursPct: (ours / wall) * 100 };
  };
}

/** Waits (at most `maxWaitMs`) until other processes use less than `pct` % of a core over 1 s. */
export async function waitForQuiet(pct: number, maxWaitMs: number): Promise<{ othersPct: number; waitedMs: number }> {
  const started = performance.now();
  for (;;) {
    const w = cpuWindow();
    await new Promise((r) => setTimeout(r, 1000));
    const { othersPct } = w();
    const waitedMs = performance.now() - started;
    if (othersPct < pct || waitedMs >= maxWaitMs) return { othersPct, waitedMs };
  }
}

export function machineLine(browserVersion: string): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model?.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return (
    `${cpus.length} cores (${model}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Linux ${os.release()}; ` +
    `Chromium ${browserVersion} headless with --disable-gpu (software raster and compositing, no GPU); ` +
    `the app server, both browser pages and this bench share those ${cpus.length} cores; Node ${process.version}`
  );
}
