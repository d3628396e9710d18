import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as opaque from '@serenity-kit/opaque';
import { z } from 'zod';

/**
 * Long-lived server secrets. The OPAQUE server setup holds the server's static key pair and OPRF
 * seed: lose it and every account must reset; leak it and offline guessing against stolen
 * records becomes possible (RFC 9807 §10), so it sits beside the database with mode 0600 and is
 * backed up with it. The server secret keys the fake prelogin salts and the rate-limit keys.
 */
export interface ServerSecrets {
  opaqueSetup: string;
  serverSecret: Buffer;
}

const fileSchema = z.object({
  opaqueSetup: z.string().min(1).optional(),
  serverSecret: z.string().min(43).optional(),
});

export interface SecretSources {
  dataDir: string;
  opaqueSetup?: string | undefined;
  serverSecret?: string | undefined;
}

/** Env values win; anything missing is read from, or generated into, `<data>/secrets.json`. */
export async function loadSecrets(sources: SecretSources): Promise<ServerSecrets> {
  await opaque.ready;
  const file = join(sources.dataDir, 'secrets.json');
  let stored: z.infer<typeof fileSchema> = {};
  try {
    stored = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`cannot read ${file}`, { cause: error });
    }
  }
  const fromEnv = sources.opaqueSetup !== undefined && sources.serverSecret !== undefined;
  const next = {
    opaqueSetup: sources.opaqueSetup ?? stored.opaqueSetup ?? opaque.server.createSetup(),
    serverSecret:
      sources.serverSecret ?? stored.serverSecret ?? randomBytes(32).toString('base64url'),
  };
  try {
    opaque.server.getPublicKey(next.opaqueSetup);
  } catch {
    throw new Error('the OPAQUE server setup (CASSAFORTE_OPAQUE_SETUP or secrets.json) is invalid');
  }
  const changed =
    next.opaqueSetup !== stored.opaqueSetup || next.serverSecret !== stored.serverSecret;
  if (!fromEnv && changed) {
    mkdirSync(sources.dataDir, { recursive: true, mode: 0o700 });
    const stored2 = { ...stored, ...pickGenerated(next, sources) };
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(stored2, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, file);
  }
  const serverSecret = Buffer.from(next.serverSecret, 'base64url');
  if (serverSecret.length < 32) throw new Error('the server secret must be at least 32 bytes');
  return { opaqueSetup: next.opaqueSetup, serverSecret };
}

/** Only values that did not come from the environment are written to disk. */
function pickGenerated(
  next: { opaqueSetup: string; serverSecret: string },
  sources: SecretSources,
) {
  return {
    ...(sources.opaqueSetup === undefined ? { opaqueSetup: next.opaqueSetup } : {}),
    ...(sources.serverSecret === undefined ? { serverSecret: next.serverSecret } : {}),
  };
}
