import type { Plan } from '../../lib/api/common';
import { runCli } from '../cli';

/**
 * A license code from the admin command itself (`npm run admin -- license issue --plan …`),
 * against a running test server's storage: how tests that need two devices get `pro`.
 */
export async function issueLicenseWithCli(
  storage: { dataDir: string; databaseUrl: string | undefined },
  plan: Plan,
): Promise<string> {
  const out: string[] = [];
  const env = {
    CASSAFORTE_DATA: storage.dataDir,
    ...(storage.databaseUrl === undefined ? {} : { DATABASE_URL: storage.databaseUrl }),
  };
  const exit = await runCli(['license', 'issue', '--plan', plan], env, (line) => out.push(line));
  if (exit !== 0 || out[0] === undefined) throw new Error(`license issue failed: ${out.join(' ')}`);
  return out[0];
}
