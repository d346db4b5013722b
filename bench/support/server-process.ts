// Our server as its own process, started the way `npm start` starts it (scripts/start.mjs builds when
// needed, then runs dist/main.js), so that a benchmark can read that process's memory and CPU time
// from /proc without counting its own threads.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const root = new URL('../..', import.meta.url).pathname;
/** Linux clock ticks per second (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

export interface ServerProcess {
  url: string;
  /** Resident memory now, MB. */
  rssMb(): number;
  /** User + system CPU time used so far, ms. */
  cpuMs(): number;
  /** Samples RSS every 100 ms until the returned function is called, which gives the peak in MB. */
  peakRss(): () => number;
  close(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

async function waitForHealth(url: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !exited()) {
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not start');
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_SERVER_CPU_PROFILE=<dir> runs the built server directly under --cpu-prof (npm start once first).
  const profileDir = process.env['BENCH_SERVER_CPU_PROFILE'];
  const args = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, 'dist/main.js', 'serve'] : ['scripts/start.mjs', 'serve'];
  const launcher = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit'] });
  let exited = false;
  launcher.once('exit', () => (exited = true));
  await waitForHealth(url, () => exited);
  // start.mjs runs the server as its only child.
  const pid = profileDir ? (launcher.pid as number) : Number(readFileSync(`/proc/${launcher.pid}/task/${launcher.pid}/children`, 'utf8').trim().split(' ')[0]);
  // The server must not outlive the benchmark, whatever ends it.
  const stop = () => process.kill(pid, 'SIGTERM');
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(1));
  const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  const cpuMs = () => {
    // Fields after the command name: state is field 3, utime 14 and stime 15.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  };
  return {
    url,
    rssMb,
    cpuMs,
    peakRss() {
      let peak = rssMb();
      const timer = setInterval(() => (peak = Math.max(peak, rssMb())), 100);
      return () => {
        clearInterval(timer);
        return Math.max(peak, rssMb());
      };
    },
    async close() {
      if (exited) return;
      const done = new Promise((resolve) => launcher.once('exit', resolve));
      process.off('exit', stop);
      stop();
      await done;
    },
  };
}
