import { describe, expect, it } from 'vitest';
import { healthCounts, healthReport, isHttpOnly, OLD_AFTER_MS, passwordSetAt } from './health';
import { emptyLogin, type LoginItem } from './item';

const NOW = Date.UTC(2026, 11, 1);
const DAY = 24 * 60 * 60 * 1000;

function login(id: string, fields: Partial<LoginItem> = {}): LoginItem {
  return { ...emptyLogin(id, NOW - DAY), password: `unique-${id}`, ...fields };
}
const at = (url: string) => [{ url, match: 'domain' as const }];

describe('password health', () => {
  it('groups logins that share a password, the largest group first, and skips empty ones', () => {
    const report = healthReport(
      [
        login('a', { password: 'Sommer2024!' }),
        login('b', { password: 'tesoro' }),
        login('c', { password: 'Sommer2024!' }),
        login('d', { password: 'tesoro' }),
        login('e', { password: 'Sommer2024!' }),
        login('f', { password: '' }),
        login('g', { password: '' }),
        login('h'),
      ],
      NOW,
    );
    expect(report.reused).toEqual([
      ['a', 'c', 'e'],
      ['b', 'd'],
    ]);
  });

  it('names logins whose every address is plain http, not those with https or none', () => {
    expect(isHttpOnly(login('a', { urls: at('http://router.lan/') }))).toBe(true);
    expect(
      isHttpOnly(login('b', { urls: [...at('http://a.test'), ...at('https://a.test')] })),
    ).toBe(false);
    expect(isHttpOnly(login('c', { urls: at('HTTP://OLD.EXAMPLE') }))).toBe(true);
    expect(isHttpOnly(login('d', { urls: at('bank.example') }))).toBe(false); // https by default
    expect(isHttpOnly(login('e'))).toBe(false);
  });

  it('counts a password as old a year after it was set, by its history, not by other edits', () => {
    const created = NOW - OLD_AFTER_MS - DAY;
    const untouched = login('a', { createdAt: created, updatedAt: NOW });
    const changed = login('b', {
      createdAt: created,
      passwordHistory: [{ password: 'before', replacedAt: NOW - 30 * DAY }],
    });
    expect(passwordSetAt(changed)).toBe(NOW - 30 * DAY);
    const report = healthReport([untouched, changed, login('c')], NOW);
    expect(report.old).toEqual(['a']);
    expect(report.insecure).toEqual([]);
  });

  it('counts each login once per issue for the vault screen', () => {
    const report = healthReport(
      [
        login('a', { password: 'same', urls: at('http://x.test') }),
        login('b', { password: 'same' }),
      ],
      NOW,
    );
    expect(healthCounts(report, ['a'])).toEqual({ weak: 1, reused: 2, insecure: 1, old: 0 });
  });
});
