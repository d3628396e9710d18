import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  url: string;
  /** Its data directory: the emails it sends (verification codes) land in `<dataDir>/outbox`. */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * `server/main.ts` in its own process on SQLite in a temp dir, exactly as `npm run server` runs
 * it, so the load generator (this process) and the server do not share an event loop. Logs go to
 * a file, not through a pipe this process would have to drain. Rate limits are off: every
 * request comes from 127.0.0.1 and the per-address budget would throttle the load.
 */
export async function startServerProcess(): Promise<ServerProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'cassaforte-bench-'));
  const logFile = join(dir, 'server.log');
  const log = await open(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      CASSAFORTE_DATA: join(dir, 'data'),
      CASSAFORTE_PORT: '0',
      CASSAFORTE_RATE_LIMITS: 'off',
      // Many sign-ins of one account: a self-hosted server's plan, as `npm start` runs it.
      CASSAFORTE_DEFAULT_PLAN: 'pro',
      CASSAFORTE_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      DATABASE_URL: '',
      SMTP_URL: '',
    },
    stdio: ['ignore', log.fd, log.fd],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await log.close();
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 400; i += 1) {
    await new Promise((r) => setTimeout(r, 50));
    const text = await readFile(logFile, 'utf8');
    const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(text)?.[1];
    if (url !== undefined) return { url, dataDir: join(dir, 'data'), stop };
    if (child.exitCode !== null) break;
  }
  const text = await readFile(logFile, 'utf8').catch(() => '');
  await stop();
  throw new Error(`the server did not start:\n${text.slice(-2000)}`);
}
