/**
 * `npm run server`: the sync server alone. Settings come from the environment (see config.ts and
 * the README): CASSAFORTE_PORT, CASSAFORTE_DATA, DATABASE_URL, SMTP_URL, PUBLIC_URL, …
 */
import { loadConfig } from './config';
import { createLogger } from './log';
import { startServer } from './start';

const config = loadConfig(process.env);
const log = createLogger(config.logLevel);

try {
  const server = await startServer(config, { log });
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
