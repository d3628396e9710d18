/**
 * Settings through the background's real message listener: a change names only the fields it
 * changes, and every other setting keeps its value (issue 9: setting auto-lock and then the
 * clipboard delay put auto-lock back to 15 minutes, because a partial schema with zod defaults
 * filled in the defaults of every field the change left out).
 */
import { describe, expect, it } from 'vitest';
import { protocol } from '@/lib/messaging/protocol';
import { defaultSettings, type Settings } from '@/lib/messaging/settings';
import { ask, boot, createAccount, useBackgroundHarness } from '@/tests/support/background-harness';

useBackgroundHarness();

/** A value other than the default for each setting. */
const changed: Settings = {
  autoLockMinutes: 5,
  lockOnSystemLock: false,
  clipboardClearSeconds: 10,
  equivalentDomains: [['example.com', 'example.org']],
  inlineMenu: false,
};
const names = Object.keys(defaultSettings) as (keyof Settings)[];

describe('settings', () => {
  it('offers a non-default value for every setting in this test', () => {
    for (const name of names) expect(changed[name]).not.toEqual(defaultSettings[name]);
    expect(names.sort()).toEqual(Object.keys(changed).sort());
  });

  it('parses a change into only the fields it names', () => {
    const parse = (patch: unknown) => protocol['settings.set'].payload.parse(patch);
    expect(parse({ clipboardClearSeconds: 10 })).toEqual({ clipboardClearSeconds: 10 });
    expect(parse({})).toEqual({});
  });

  for (const first of names) {
    for (const second of names) {
      if (first === second) continue;
      it(`keeps ${first} when ${second} changes after it`, async () => {
        boot();
        await createAccount();
        await ask('settings.set', { [first]: changed[first] });
        const after = await ask('settings.set', { [second]: changed[second] });
        expect(after[first]).toEqual(changed[first]);
        expect(after[second]).toEqual(changed[second]);
        expect(await ask('settings.get', {})).toEqual({
          ...defaultSettings,
          [first]: changed[first],
          [second]: changed[second],
        });
      });
    }
  }

  it('keeps auto-lock at 5 minutes after the clipboard delay changes, and arms the timer by it', async () => {
    boot();
    await createAccount();
    await ask('settings.set', { autoLockMinutes: 5 });
    await ask('settings.set', { clipboardClearSeconds: 10 });
    const { lockAt } = await ask('app.status', {});
    expect(lockAt! - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(lockAt! - Date.now()).toBeGreaterThan(4 * 60_000);
  });
});
