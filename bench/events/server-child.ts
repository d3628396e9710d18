/**
 * The sync server for bench/events.ts, started as `npm run server` starts it (settings from the
 * environment), in a process of its own so that its memory is measured alone. Answers `memory`
 * after two full garbage collections (run with --expose-gc), so heap deltas are live objects.
 */
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/log';
import { startServer } from '../../server/start';
import { serve } from './ipc';

const config = loadConfig(process.env);
const server = await startServer(config, { log: createLogger(config.logLevel) });

const gc = (globalThis as { gc?: () => void }).gc;

serve(async (message) => {
  if (message.type === 'memory') {
    gc?.();
    gc?.();
    const { rss, heapUsed, external } = process.memoryUsage();
    return { type: 'memory', rss, heapUsed, external };
  }
  if (message.type === 'stop') {
    await server.close();
    process.send?.({ type: 'stopped' }, () => process.exit(0));
    return undefined;
  }
  throw new Error(`unknown request ${message.type}`);
});
process.send?.({ type: 'listening', url: server.url });
