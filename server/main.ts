/**
 * `npm run server`: the sync server alone. Settings come from the environment (see config.ts and
 * the README): CASSAFORTE_PORT, CASSAFORTE_DATA, DATABASE_URL, SMTP_URL, PUBLIC_URL, …
 * `--extensions` (what `npm start` passes, after building them) ends the start-up output with
 * where the two extension builds are and how to load them.
 */
import { loadConfig } from './config';
import { describeExtensionBuilds, EXTENSION_BUILDS } from './extension-builds';
import { createLogger } from './log';
import { startServer } from './start';

const config = loadConfig(process.env);
const log = createLogger(config.logLevel);

try {
  const server = await startServer(config, { log });
  if (process.argv.includes('--extensions')) {
    if (process.stdout.isTTY) process.stdout.write(describeExtensionBuilds(server.url));
    else log.info({ extensions: EXTENSION_BUILDS }, 'extensions built: load one by hand');
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
  log.fatal({ err }, 'cannot start the server');
  process.exitCode = 1;
}
