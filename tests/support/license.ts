/**
 * License codes for tests, issued the way an operator issues them: the admin command
 * (`npm run admin -- license issue --plan pro`), run against the test server's own data directory
 * (and database), so the code is stored hashed under that server's secret exactly as in production.
 */
import { runCli } from '../../server/cli';
import type { Plan } from '@/lib/api';

export async function issueLicenseCode(
  server: { dataDir: string; databaseUrl?: string },
  plan: Plan,
): Promise<string> {
  const lines: string[] = [];
  const env: NodeJS.ProcessEnv = {
    CASSAFORTE_DATA: server.dataDir,
    ...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : {}),
  };
  const exit = await runCli(['license', 'issue', '--plan', plan], env, (line) => lines.push(line));
  const code = lines.find((line) => /^CFL-/.test(line.trim()))?.trim();
  if (exit !== 0 || !code) throw new Error(`license issue failed: ${lines.join(' / ')}`);
  return code;
}
