/**
 * Admin commands, run beside the server with the same environment (`npm run admin -- …`):
 *   migrate                        bring the database schema up to date, then exit
 *   cleanup                        delete expired sessions, login attempts, reset tokens
 *   license issue --plan pro [--count N]   print new single-use license codes
 */
import { pathToFileURL } from 'node:url';
import { planSchema } from '../lib/api/common';
import { loadConfig } from './config';
import { openDatabase, type Database } from './db/connect';
import { loadSecrets } from './secrets';
import { deleteExpired } from './services/cleanup';
import { issueLicenseCode } from './services/license';

interface Command {
  usage: string;
  help: string;
  run(env: NodeJS.ProcessEnv, args: string[], out: (line: string) => void): Promise<void>;
}

async function withDatabase<T>(
  env: NodeJS.ProcessEnv,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const config = loadConfig(env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** `--name value` options; anything else is a usage error. */
function options(args: string[], names: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]?.replace(/^--/, '');
    const value = args[i + 1];
    if (!args[i]?.startsWith('--') || name === undefined || !names.includes(name)) {
      throw new UsageError(`unknown option ${args[i]}`);
    }
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    found.set(name, value);
  }
  return found;
}

class UsageError extends Error {}

const commands: Record<string, Command> = {
  migrate: {
    usage: 'migrate',
    help: 'bring the database schema up to date (the server also does this on start)',
    async run(env, _args, out) {
      const where = await withDatabase(env, (d) => Promise.resolve(`${d.engine}: ${d.location}`));
      out(`schema up to date (${where})`);
    },
  },
  cleanup: {
    usage: 'cleanup',
    help: 'delete expired sessions, login attempts, reset tokens and rate-limit windows',
    async run(env, _args, out) {
      await withDatabase(env, (d) => deleteExpired(d.db, Date.now()));
      out('expired rows deleted');
    },
  },
  license: {
    usage: 'license issue --plan free|pro [--count N]',
    help: 'print new single-use license codes for a plan (stored hashed; shown only now)',
    async run(env, args, out) {
      if (args[0] !== 'issue') throw new UsageError('license: the only subcommand is "issue"');
      const opts = options(args.slice(1), ['plan', 'count']);
      const plan = planSchema.safeParse(opts.get('plan'));
      if (!plan.success) throw new UsageError('license issue needs --plan free or --plan pro');
      const count = Number(opts.get('count') ?? '1');
      if (!Number.isInteger(count) || count < 1 || count > 1000) {
        throw new UsageError('--count is a whole number from 1 to 1000');
      }
      const config = loadConfig(env);
      // The same secret as the server's: the codes are stored as keyed hashes under it.
      const secrets = await loadSecrets({
        dataDir: config.dataDir,
        opaqueSetup: config.opaqueSetup,
        serverSecret: config.serverSecret,
      });
      await withDatabase(env, async (d) => {
        for (let i = 0; i < count; i += 1) {
          out(await issueLicenseCode(d.db, secrets.serverSecret, plan.data, Date.now()));
        }
      });
    },
  },
};

export function usage(): string {
  const lines = Object.values(commands).map((c) => `  ${c.usage.padEnd(42)} ${c.help}`);
  return `usage: npm run admin -- <command>   (or: tsx server/cli.ts <command>)\n${lines.join('\n')}`;
}

/** Runs one command; returns the exit code. */
export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<number> {
  const command = args[0] === undefined ? undefined : commands[args[0]];
  if (command === undefined) {
    out(usage());
    return 2;
  }
  try {
    await command.run(env, args.slice(1), out);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out(`${error.message}\n${usage()}`);
    return 2;
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runCli(process.argv.slice(2), process.env, (line) => console.log(line)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
