/**
 * The fill shortcut through the real background (issue 10): it fills this site's login, the next
 * one on the next press, the account a two-step login chose on its first page, and opens the
 * popup with the reason when nothing can be filled.
 */
import { describe, expect, it } from 'vitest';
import { ask, login } from '@/tests/support/background-harness';
import { tab, unlockedWithBank, useFakeTab } from '@/tests/support/fill-tab';

useFakeTab();

describe('the fill shortcut', () => {
  const press = async () => {
    tab.commandListeners.forEach((listener) => listener('fill-login'));
    await new Promise((done) => setTimeout(done, 50));
  };

  it('fills this site’s login, and the next one on the next press', async () => {
    await unlockedWithBank();
    await ask('vault.save', {
      item: login({
        title: 'Bank (work)',
        username: 'ada.work',
        password: 'work-pw-7',
        urls: [{ url: 'https://bank.example', match: 'domain' }],
      }),
    });
    tab.topUrl = 'https://bank.example/login';
    tab.frames = [{ url: tab.topUrl, frameId: 0 }];
    const usernames: string[] = [];
    for (let i = 0; i < 3; i++) {
      tab.received.length = 0;
      await press();
      const answer = tab.received[0]?.answer;
      usernames.push(answer?.kind === 'fill' ? (answer.username ?? '') : '');
    }
    expect(new Set(usernames.slice(0, 2))).toEqual(new Set(['ada', 'ada.work']));
    expect(usernames[2]).toBe(usernames[0]); // round and round
    expect(tab.popupOpens).toBe(0);
  });

  it('fills the password page of a two-step login with the account chosen on the first', async () => {
    await unlockedWithBank();
    const work = await ask('vault.save', {
      item: login({
        title: 'Bank (work)',
        username: 'ada.work',
        password: 'work-pw-7',
        urls: [{ url: 'https://bank.example', match: 'domain' }],
      }),
    });
    // Step 1: the user picks the work account in the popup; only the username field is there.
    tab.topUrl = 'https://bank.example/login';
    tab.frames = [{ url: tab.topUrl, frameId: 0, fields: { username: true, password: false } }];
    expect(await ask('autofill.fill', { itemId: work.id })).toEqual({ kind: 'filled', frames: 1 });
    // Step 2, after a full page load in the same tab: the shortcut fills that account first.
    tab.topUrl = 'https://bank.example/login/password';
    tab.frames = [{ url: tab.topUrl, frameId: 0, fields: { username: false, password: true } }];
    tab.received.length = 0;
    await press();
    expect(tab.received[0]?.answer).toEqual({ kind: 'fill', password: 'work-pw-7' });
  });

  it('opens the popup saying why when nothing is saved for the site', async () => {
    await unlockedWithBank();
    tab.topUrl = 'https://news.example/';
    tab.frames = [{ url: tab.topUrl, frameId: 0 }];
    await press();
    expect(tab.popupOpens).toBe(1);
    expect(await ask('autofill.notice', {})).toMatchObject({
      outcome: { kind: 'refused', reason: 'no-match' },
    });
    expect(await ask('autofill.notice', {})).toEqual({}); // said once
  });
});
