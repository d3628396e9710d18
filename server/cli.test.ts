import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkLicenseCode } from '../lib/account-key/codes';
import { runCli } from './cli';

describe('admin CLI', () => {
  it('migrates a fresh SQLite data directory and cleans up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cassaforte-cli-'));
    try {
      const out: string[] = [];
      expect(await runCli(['migrate'], { CASSAFORTE_DATA: dir }, (l) => out.push(l))).toBe(0);
      expect(out[0]).toMatch(/schema up to date \(sqlite/);
      expect(await readdir(dir)).toContain('cassaforte.sqlite');
      expect(await runCli(['cleanup'], { CASSAFORTE_DATA: dir }, (l) => out.push(l))).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints usage for an unknown command', async () => {
    const out: string[] = [];
    expect(await runCli(['frobnicate'], {}, (l) => out.push(l))).toBe(2);
    expect(out.join('\n')).toMatch(/usage: npm run admin -- <command>/);
  });

  it('prints a license code with `npm run admin -- license issue --plan pro`', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cassaforte-cli-'));
    try {
      const { stdout } = await promisify(execFile)(
        'npm',
        ['run', '--silent', 'admin', '--', 'license', 'issue', '--plan', 'pro'],
        { env: { ...process.env, CASSAFORTE_DATA: dir } },
      );
      const code = stdout.trim();
      expect(checkLicenseCode(code).code).toBe(code);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('refuses a license command it cannot carry out, saying how to use it', async () => {
    const out: string[] = [];
    expect(await runCli(['license', 'issue', '--plan', 'gold'], {}, (l) => out.push(l))).toBe(2);
    expect(out.join('\n')).toMatch(/--plan free or --plan pro[\s\S]*license issue/);
    expect(await runCli(['license', 'revoke'], {}, (l) => out.push(l))).toBe(2);
  });
});
