/** What the signed-out and unlock views say about why (issue 11), in the English the build ships. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { speakEnglish } from '@/tests/support/english';
import { signOutWarning } from './KeptAside';
import { lockReasonText } from './LockReason';

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
});

const at = Date.UTC(2026, 11, 1, 9, 30);
const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(at);

describe('the reason a device was signed out', () => {
  it('dates a reset by when it happened, not when this device noticed', () => {
    expect(
      lockReasonText({ reason: 'account-reset', at: at + 86_400_000, happenedAt: at }, 'en'),
    ).toBe(`This account was reset on ${when}. Sign in with your new account key.`);
  });

  it('names the device that signed this one out, or says another one did', () => {
    const by = {
      reason: 'signed-out-elsewhere',
      at,
      happenedAt: at,
      by: 'Firefox on Linux',
    } as const;
    expect(lockReasonText(by, 'en')).toBe(`Signed out by Firefox on Linux on ${when}.`);
    expect(lockReasonText({ reason: 'signed-out-elsewhere', at }, 'en')).toBe(
      `Signed out from another device on ${when}.`,
    );
  });

  it('says a year-old session ended', () => {
    expect(lockReasonText({ reason: 'session-ended', at }, 'en')).toBe(
      'Your session ended after a year: sign in again.',
    );
  });
});

describe('the sign-out warning', () => {
  it('counts the items kept from before the reset that it deletes too', () => {
    const deleteAt = at;
    expect(signOutWarning({ items: 3, deleteAt, offers: [] })).toMatch(
      / This also deletes 3 items kept from before the reset\.$/,
    );
    expect(signOutWarning({ items: 1, deleteAt, offers: [] })).toMatch(
      / This also deletes 1 item kept from before the reset\.$/,
    );
    expect(signOutWarning(undefined)).toMatch(/^Signing out removes your vault from this device\./);
    expect(signOutWarning(undefined)).not.toMatch(/kept/);
  });
});
