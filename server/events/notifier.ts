import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../db/connect';
import type { Schema } from '../db/schema';
import { decodeNotice, encodeNotice, type AccountNotice, type NoticePublisher } from './notices';

/** The PostgreSQL channel every instance LISTENs on. */
export const EVENTS_CHANNEL = 'cassaforte_events';

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;

/**
 * Account notices, fanned out to every server instance (DESIGN §4 "Live", §8): nothing one
 * instance needs to know lives only in another's memory.
 */
export interface RevisionNotifier extends NoticePublisher {
  /** Every notice, published by this instance or another, delivered once. */
  subscribe(listener: (notice: AccountNotice) => void): void;
  /** Notices may have been lost (the LISTEN connection dropped and is back): resynchronise. */
  onMissed(listener: () => void): void;
  close(): Promise<void>;
}

export interface NotifierOptions {
  database: Database;
  /** Where to LISTEN on PostgreSQL; defaults to the database URL. */
  listenUrl: string | undefined;
  log: Logger;
}

export async function createRevisionNotifier(options: NotifierOptions): Promise<RevisionNotifier> {
  const emitter = new EventEmitter();
  // One listener per hub, but tests start many servers in one process.
  emitter.setMaxListeners(0);
  const deliver = (notice: AccountNotice) => {
    try {
      emitter.emit('notice', notice);
    } catch (err) {
      options.log.error({ err }, 'delivering an account notice failed');
    }
  };
  const base = {
    subscribe: (listener: (notice: AccountNotice) => void) => void emitter.on('notice', listener),
    onMissed: (listener: () => void) => void emitter.on('missed', listener),
  };

  if (options.database.engine === 'sqlite') {
    // SQLite serves one instance (README "Scaling"): the process is the whole audience. Later,
    // not now: the push that publishes should not wait for the fan-out before it answers.
    return {
      ...base,
      publish: (notice) => void setImmediate(deliver, notice),
      close: () => Promise.resolve(),
    };
  }
  if (options.listenUrl === undefined) throw new Error('PostgreSQL needs a URL to LISTEN on');
  const listener = await createListener(options.listenUrl, options.log, {
    notice: (payload) => {
      const notice = decodeNotice(payload);
      if (notice === null) options.log.warn('ignored an account notice it does not understand');
      else deliver(notice);
    },
    reconnected: () => emitter.emit('missed'),
  });
  const db: Kysely<Schema> = options.database.db;
  return {
    ...base,
    /**
     * pg_notify through the pool, after the writer's transaction committed (the caller's
     * contract), so a notice never announces a revision a reader cannot see yet. Delivery to
     * this instance too comes back through LISTEN only, so each notice is delivered once.
     */
    publish(notice) {
      sql`select pg_notify(${EVENTS_CHANNEL}, ${encodeNotice(notice)})`
        .execute(db)
        .catch((err: unknown) =>
          options.log.warn(
            { err: { message: err instanceof Error ? err.message : String(err) } },
            'publishing an account notice failed',
          ),
        );
    },
    close: () => listener.close(),
  };
}

interface ListenerEvents {
  notice(payload: string): void;
  reconnected(): void;
}

/**
 * One dedicated connection per instance, outside the pool, doing LISTEN. It must be a direct
 * connection to PostgreSQL (or a session-pooling pgbouncer): a transaction-pooling pgbouncer
 * hands the server connection to other clients after each transaction, so LISTEN is not
 * supported there (pgbouncer's feature table). Hence DATABASE_LISTEN_URL (config.ts).
 * A dropped connection is reopened with backoff; PostgreSQL keeps no notices for a listener that
 * was away, so `reconnected` tells the hub to resynchronise every socket from the tables.
 */
async function createListener(url: string, log: Logger, on: ListenerEvents) {
  let current: pg.Client | null = null;
  let closing = false;
  let retryMs = RETRY_FIRST_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: url,
      application_name: 'cassaforte-events',
      keepAlive: true,
    });
    // pg emits 'error' on a broken connection; unhandled, it would kill the process.
    client.on('error', (err) => {
      if (current === client) log.warn({ err: { message: err.message } }, 'LISTEN connection lost');
      lost(client);
    });
    client.on('end', () => lost(client));
    client.on('notification', (message) => {
      if (message.channel === EVENTS_CHANNEL && message.payload) on.notice(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    if (closing) {
      await client.end();
      return;
    }
    current = client;
  }

  function lost(client: pg.Client) {
    if (current !== client) return;
    current = null;
    client.end().catch(() => undefined);
    if (!closing) retry();
  }

  function retry() {
    retryTimer = setTimeout(() => {
      connect().then(
        () => {
          retryMs = RETRY_FIRST_MS;
          log.info('LISTEN connection back');
          on.reconnected();
        },
        (err: unknown) => {
          log.warn(
            { err: { message: err instanceof Error ? err.message : String(err) }, retryMs },
            'LISTEN reconnect failed',
          );
          retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
          if (!closing) retry();
        },
      );
    }, retryMs);
    retryTimer.unref();
  }

  // The first connection must work: a server that cannot LISTEN would silently serve stale sockets.
  await connect();
  return {
    async close() {
      closing = true;
      clearTimeout(retryTimer);
      const client = current;
      current = null;
      await client?.end().catch(() => undefined);
    },
  };
}
