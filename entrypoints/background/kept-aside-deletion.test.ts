/**
 * What a device kept aside after an account reset elsewhere (issue 11) is deleted 30 days on, at
 * start and when the alarm fires, and at once on the user's own sign-out, whose warning counts it.
 * Through the real background and the real server (tests/support/background-harness.ts). Keeping
 * and bringing in: kept-aside-reset.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { KEPT_ASIDE_MS } from '@/lib/db';
import { ask, boot, env, useBackgroundHarness } from '@/tests/support/background-harness';
import {
  DAY,
  deviceWithUnsentEdits,
  resetWhileAway,
  signInAfterReset,
} from '@/tests/support/kept-aside';
import { signOutWarning } from '@/components/KeptAside';
import { speakEnglish } from '@/tests/support/english';
import { KEPT_ASIDE_ALARM } from './wiring';

useBackgroundHarness();

describe('an account reset on another device', () => {
  it('deletes what it kept after 30 days, at start and when the alarm fires', async () => {
    const device = await deviceWithUnsentEdits();
    await resetWhileAway(device);
    const alarm = await fakeBrowser.alarms.get(KEPT_ASIDE_ALARM);
    const [set] = await device.background.store.listKept();
    expect(alarm?.scheduledTime).toBe(set!.keptAt + KEPT_ASIDE_MS);

    env.clockOffset = 29 * DAY; // the browser started again a month later, nearly
    boot();
    expect((await ask('app.status', {})).keptAside?.items).toBe(3);

    env.clockOffset = 30 * DAY + 1_000;
    expect((await ask('app.status', {})).keptAside).toBeUndefined(); // past its time: not shown
    await fakeBrowser.alarms.onAlarm.trigger({ name: KEPT_ASIDE_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(async () => {
      expect(await device.background.store.listKept()).toEqual([]);
      expect(await fakeBrowser.alarms.get(KEPT_ASIDE_ALARM)).toBeUndefined();
    });
  });

  it('deletes what it kept on the user’s own sign-out, whose warning counted them', async () => {
    const device = await deviceWithUnsentEdits();
    const reset = await resetWhileAway(device);
    const status = await signInAfterReset(device.email, reset);
    expect(status.keptAside).toMatchObject({ items: 3, offers: [{ items: 3 }] });
    speakEnglish();
    expect(signOutWarning(status.keptAside)).toContain(
      'This also deletes 3 items kept from before the reset.',
    );
    const after = await ask('account.signOut', {});
    expect(after).toMatchObject({ state: 'signed-out', lastLock: { reason: 'signed-out' } });
    expect(after.keptAside).toBeUndefined();
    expect(await device.background.store.listKept()).toEqual([]);
  });
});
