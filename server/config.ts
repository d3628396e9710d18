import { resolve } from 'node:path';
import { z } from 'zod';
import { planSchema, type Plan } from '../lib/api/common';

/** Everything the server reads from its environment, checked once at start. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * Where the live-events LISTEN connection goes, if not DATABASE_URL: it needs a direct (or
   * session-pooled) connection, which a transaction-pooling pgbouncer cannot give.
   */
  listenUrl?: string | undefined;
  /** PostgreSQL connections per instance (put pgbouncer in front of many instances). */
  pgPoolSize: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  defaultPlan: Plan;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Off only for load tests (bench/server.ts): the per-address limits would throttle them. */
  rateLimits: boolean;
  logLevel: string;
  opaqueSetup: string | undefined;
  serverSecret: string | undefined;
}

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const envSchema = z.object({
  CASSAFORTE_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  CASSAFORTE_HOST: z.string().min(1).default('127.0.0.1'),
  CASSAFORTE_DATA: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_LISTEN_URL: z.string().min(1).optional(),
  CASSAFORTE_PG_POOL: z.coerce.number().int().min(1).max(1000).default(10),
  SMTP_URL: z.string().min(1).optional(),
  CASSAFORTE_MAIL_FROM: z.string().min(3).default('Cassaforte <no-reply@cassaforte.invalid>'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  CASSAFORTE_DEFAULT_PLAN: planSchema.default('free'),
  CASSAFORTE_TRUST_PROXY: flag.default(false),
  CASSAFORTE_RATE_LIMITS: flag.default(true),
  CASSAFORTE_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  CASSAFORTE_OPAQUE_SETUP: z.string().min(1).optional(),
  CASSAFORTE_SERVER_SECRET: z.string().min(1).optional(),
});

export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  // An empty variable (VAR= in a compose file or a shell) means "not set".
  const set = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid server settings:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL !== undefined && !/^postgres(ql)?:\/\//.test(e.DATABASE_URL)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it unset for SQLite)');
  }
  if (e.DATABASE_LISTEN_URL !== undefined && !/^postgres(ql)?:\/\//.test(e.DATABASE_LISTEN_URL)) {
    throw new Error('DATABASE_LISTEN_URL must start with postgres://');
  }
  return {
    port: e.CASSAFORTE_PORT,
    host: e.CASSAFORTE_HOST,
    dataDir: resolve(e.CASSAFORTE_DATA),
    databaseUrl: e.DATABASE_URL,
    listenUrl: e.DATABASE_LISTEN_URL,
    pgPoolSize: e.CASSAFORTE_PG_POOL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.CASSAFORTE_MAIL_FROM,
    publicUrl: (e.PUBLIC_URL ?? `http://127.0.0.1:${e.CASSAFORTE_PORT}`).replace(/\/+$/, ''),
    defaultPlan: e.CASSAFORTE_DEFAULT_PLAN,
    trustProxy: e.CASSAFORTE_TRUST_PROXY,
    rateLimits: e.CASSAFORTE_RATE_LIMITS,
    logLevel: e.CASSAFORTE_LOG_LEVEL,
    opaqueSetup: e.CASSAFORTE_OPAQUE_SETUP,
    serverSecret: e.CASSAFORTE_SERVER_SECRET,
  };
}
