import { describe, expect, it } from 'vitest';
import { formatAgo, formatCountdown, formatDateTime } from './time';

describe('formatCountdown', () => {
  it('shows minutes and seconds, rounding up so 0:00 means locked', () => {
    expect(formatCountdown(15 * 60_000)).toBe('15:00');
    expect(formatCountdown(59_001)).toBe('1:00');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5000)).toBe('0:00');
  });

  it('shows hours for long timers', () => {
    expect(formatCountdown(4 * 3600_000)).toBe('4:00:00');
    expect(formatCountdown(3600_000 + 61_000)).toBe('1:01:01');
  });
});

describe('formatAgo', () => {
  const now = Date.UTC(2026, 0, 10, 12);
  it('speaks the user language', () => {
    expect(formatAgo(now - 3 * 60_000, now, 'en')).toBe('3 minutes ago');
    expect(formatAgo(now - 3 * 60_000, now, 'it')).toBe('3 minuti fa');
    expect(formatAgo(now - 3 * 60_000, now, 'de')).toBe('vor 3 Minuten');
    expect(formatAgo(now - 26 * 3600_000, now, 'en')).toBe('yesterday');
  });
});

describe('formatDateTime', () => {
  // Midday UTC: the same calendar day in every time zone the machine may be in.
  const at = Date.UTC(2026, 0, 10, 12);
  it('writes the date the way the user language does', () => {
    expect(formatDateTime(at, 'en')).toMatch(/^Jan 10, 2026, /);
    expect(formatDateTime(at, 'it')).toMatch(/^10 gen 2026, /);
    expect(formatDateTime(at, 'de')).toMatch(/^10\.01\.2026, /);
  });
});
