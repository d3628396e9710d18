/**
 * Password health through the background (issue 14): reused, http-only and old passwords found
 * from the unlocked vault; weak ones from the scores the page's estimator sends back, kept per
 * item revision and forgotten on lock. The report names ids and titles; passwords go out only
 * in `unscored`, for the page to score.
 */
import { describe, expect, it } from 'vitest';
import { OLD_AFTER_MS } from '@/lib/vault/health';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  login,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

async function vaultWithIssues() {
  boot();
  await createAccount();
  const save = async (fields: Parameters<typeof login>[0]) =>
    (await ask('vault.save', { item: login(fields) })).id;
  const reusedA = await save({ title: 'Posta', password: 'Sommer2024!' });
  const reusedB = await save({ title: 'Forum', password: 'Sommer2024!' });
  const http = await save({
    title: 'Router',
    urls: [{ url: 'http://192.168.1.1/', match: 'host' }],
  });
  const strong = await save({ title: 'Banca', password: 'quartz-ember-willow-lantern-81' });
  return { reusedA, reusedB, http, strong };
}

describe('password health', () => {
  it('finds reused and http-only logins and hands out only unscored passwords', async () => {
    const { reusedA, reusedB, http, strong } = await vaultWithIssues();
    const report = await ask('health.report', {});
    expect(report.reused.map((ids) => ids.sort())).toEqual([[reusedA, reusedB].sort()]);
    expect(report.insecure).toEqual([http]);
    expect(report.old).toEqual([]);
    expect(report.weak).toEqual([]);
    expect(report.checked).toBe(4);
    expect(report.entries.map((e) => e.title).sort()).toEqual(['Forum', 'Posta', 'Router']);
    expect(report.entries.find((e) => e.id === http)?.site).toBe('192.168.1.1');
    expect(report.unscored.map((u) => u.id).sort()).toEqual(
      [reusedA, reusedB, http, strong].sort(),
    );
    expect(JSON.stringify(report.entries)).not.toContain('Sommer2024!');

    const scored = await ask('health.scores', {
      scores: report.unscored.map(({ id, revision }) => ({
        id,
        revision,
        score: id === strong ? 4 : 1,
      })),
    });
    expect(scored.unscored).toEqual([]);
    expect(scored.weak.sort()).toEqual([reusedA, reusedB, http].sort());
    expect(scored.entries.map((e) => e.title)).not.toContain('Banca');
    expect(await ask('health.counts', {})).toEqual({
      weak: 3,
      reused: 2,
      insecure: 1,
      old: 0,
      unscored: 0,
      flagged: 3,
    });
  });

  it('scores an edited password again, and forgets every score on lock', async () => {
    const { strong } = await vaultWithIssues();
    const first = await ask('health.report', {});
    await ask('health.scores', {
      scores: first.unscored.map(({ id, revision }) => ({ id, revision, score: 4 })),
    });
    const item = await ask('vault.get', { id: strong });
    await ask('vault.save', { item: { ...item, password: 'banca' } });
    expect((await ask('health.report', {})).unscored.map((u) => [u.id, u.password])).toEqual([
      [strong, 'banca'],
    ]);

    await ask('session.lock', {});
    expect(await refusal(ask('health.report', {}))).toBe('locked');
    await ask('session.unlock', { password: PASSWORD });
    expect((await ask('health.report', {})).unscored).toHaveLength(4);
  });

  it('counts a password set over a year ago as old', async () => {
    await vaultWithIssues();
    const createdAt = Date.now() - OLD_AFTER_MS - 24 * 60 * 60 * 1000;
    const { id } = await ask('vault.save', { item: login({ title: 'Vecchio', createdAt }) });
    expect((await ask('health.report', {})).old).toEqual([id]);
  });
});
