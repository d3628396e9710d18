import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
