/**
 * Admin commands, run beside the server with the same environment:
 *   npx tsx server/cli.ts migrate   bring the database schema up to date, then exit
 *   npx tsx server/cli.ts cleanup   delete expired sessions, login attempts, reset tokens
 * Later issues add their commands here (license codes).
 */
import { pathToFileURL } from 'node:url';
import { loadConfig } from './config';
import { openDatabase } from './db/connect';
import { deleteExpired } from './services/cleanup';

const commands: Record<string, { help: string; run: (env: NodeJS.ProcessEnv) => Promise<string> }> =
  {
    migrate: {
      help: 'bring the database schema up to date (the server also does this on start)',
      async run(env) {
        const config = loadConfig(env);
        const database = await openDatabase({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
        });
        await database.close();
        return `schema up to date (${database.engine}: ${database.location})`;
      },
    },
    cleanup: {
      help: 'delete expired sessions, login attempts, reset tokens and rate-limit windows',
      async run(env) {
        const config = loadConfig(env);
        const database = await openDatabase({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
        });
        try {
          await deleteExpired(database.db, Date.now());
        } finally {
          await database.close();
        }
        return 'expired rows deleted';
      },
    },
  };

export function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.help}`);
  return `usage: tsx server/cli.ts <command>\n${lines.join('\n')}`;
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
  out(await command.run(env));
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
