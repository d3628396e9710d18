import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A throwaway PostgreSQL 15 cluster for the server tests (TOOLCHAIN.md): initdb as the postgres
 * user (initdb refuses root) into a temp dir, trust auth for the user `app`, listening on a free
 * loopback port with its socket in the temp dir. Nothing outside the temp dir is touched.
 */
export const PG_BIN = process.env.CASSAFORTE_PG_BIN ?? '/usr/lib/postgresql/15/bin';

const run = promisify(execFile);

export interface PostgresCluster {
  /** postgres://app@127.0.0.1:PORT/postgres */
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export async function startPostgres(): Promise<PostgresCluster> {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(
      `PostgreSQL 15 is not installed (no ${PG_BIN}/initdb). The server tests run against SQLite ` +
        'and PostgreSQL: install it with `apt-get install -y postgresql-15` ' +
        '(or point CASSAFORTE_PG_BIN at its bin directory).',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'cassaforte-pg-'));
  const asPostgres = process.getuid?.() === 0;
  const pgRun = (cmd: string, args: string[]) =>
    asPostgres
      ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, cmd), ...args], { cwd: dir })
      : run(join(PG_BIN, cmd), args, { cwd: dir });
  if (asPostgres) {
    const { uid, gid } = await userIds('postgres');
    await chown(dir, uid, gid);
  }
  await chmod(dir, 0o700);
  const data = join(dir, 'data');
  try {
    await pgRun('initdb', [
      '-D',
      data,
      '-U',
      'app',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    const port = await freePort();
    // fsync off: a test cluster is thrown away, and durability is not under test here.
    const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off -c max_connections=200`;
    await pgRun('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'pg.log'),
      '-o',
      opts,
      '-w',
      '-t',
      '60',
      'start',
    ]);
    let stopped = false;
    return {
      url: `postgres://app@127.0.0.1:${port}/postgres`,
      async stop() {
        if (stopped) return;
        stopped = true;
        await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not start a test PostgreSQL cluster in ${dir}`, { cause: error });
  }
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
    run('id', ['-u', name]),
    run('id', ['-g', name]),
  ]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}
