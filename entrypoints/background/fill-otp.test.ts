/**
 * The one-time code of a login, through the real background (fill.test.ts has the frames and the
 * policy): the code of the moment goes to a frame of the login's site that has a field for it,
 * on the login page or the page after it; with no such field the popup gets it to copy. Never the
 * setup, never to another site, never to a frame that asks on its own.
 */
import { describe, expect, it } from 'vitest';
import { otpCodeAt } from '@/lib/vault/totp';
import { ask, boot, createAccount, login } from '@/tests/support/background-harness';
import { tab, TAB, useFakeTab } from '@/tests/support/fill-tab';
import { contentSender, sendAs } from '@/tests/support/senders';

useFakeTab();

const SETUP = 'otpauth://totp/Bank:ada?secret=JBSWY3DPEHPK3PXP&issuer=Bank';

/** The codes of this second and the one before: the background's clock ran a moment earlier. */
function codesNow(): string[] {
  const now = Date.now();
  return [otpCodeAt(SETUP, now).code, otpCodeAt(SETUP, now - 1500).code];
}

async function bankWith(otp: string) {
  boot();
  await createAccount();
  return ask('vault.save', {
    item: login({
      title: 'Bank',
      username: 'ada',
      password: 'bank-pw-41',
      urls: [{ url: 'https://bank.example/login', match: 'domain' }],
      otp,
    }),
  });
}

describe('the one-time code of a filled login', () => {
  it('goes with the credentials into a login form that also asks for the code', async () => {
    const bank = await bankWith(SETUP);
    tab.topUrl = 'https://bank.example/login';
    tab.frames = [
      { url: tab.topUrl, frameId: 0, fields: { username: true, password: true, otp: true } },
    ];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({ kind: 'filled', frames: 1 });
    const answer = tab.received[0]?.answer;
    expect(answer).toMatchObject({ kind: 'fill', username: 'ada', password: 'bank-pw-41' });
    expect(codesNow()).toContain(answer?.kind === 'fill' && answer.otp);
    expect(JSON.stringify(tab.received)).not.toContain('JBSWY3DP'); // the code, never the setup
  });

  it('is handed to the popup to copy when the page has no field for it', async () => {
    const bank = await bankWith(SETUP);
    tab.topUrl = 'https://bank.example/login';
    tab.frames = [{ url: tab.topUrl, frameId: 0, fields: { username: true, password: true } }];
    const outcome = await ask('autofill.fill', { itemId: bank.id });
    expect(outcome).toMatchObject({ kind: 'filled', frames: 1 });
    expect(codesNow()).toContain(outcome.kind === 'filled' && outcome.code);
    expect(tab.received[0]?.answer).not.toHaveProperty('otp');
  });

  it('fills the field of the page after the login form, which has nothing else', async () => {
    const bank = await bankWith(SETUP);
    tab.topUrl = 'https://bank.example/verify';
    tab.frames = [
      { url: tab.topUrl, frameId: 0, fields: { username: false, password: false, otp: true } },
    ];
    const outcome = await ask('autofill.fill', { itemId: bank.id });
    expect(outcome).toEqual({ kind: 'filled', frames: 1 });
    const answer = tab.received[0]?.answer;
    expect(answer).not.toHaveProperty('password');
    expect(codesNow()).toContain(answer?.kind === 'fill' && answer.otp);
    // …and the popup puts the same login first there (the two-step memory).
    expect(await ask('autofill.remembered', {})).toEqual({ itemId: bank.id });
  });

  it('goes into a row of one box per digit only when it has as many digits', async () => {
    const bank = await bankWith(SETUP); // six digits
    tab.topUrl = 'https://bank.example/verify';
    const boxes = (n: number) => ({ username: false, password: false, otp: true, otpBoxes: n });
    tab.frames = [{ url: tab.topUrl, frameId: 0, fields: boxes(6) }];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({ kind: 'filled', frames: 1 });
    expect(codesNow()).toContain(
      tab.received[0]?.answer.kind === 'fill' && tab.received[0].answer.otp,
    );

    // Eight boxes cannot take six digits: none goes in, the popup copies the code to paste.
    tab.received.length = 0;
    tab.frames = [{ url: tab.topUrl, frameId: 0, fields: boxes(8) }];
    const outcome = await ask('autofill.fill', { itemId: bank.id });
    expect(outcome).toMatchObject({ kind: 'filled', frames: 1 });
    expect(codesNow()).toContain(outcome.kind === 'filled' && outcome.code);
    expect(tab.received[0]?.answer).toEqual({ kind: 'fill' });
  });

  it('goes to no other site, even one that asks for a code', async () => {
    const bank = await bankWith(SETUP);
    tab.topUrl = 'https://bank.example.evil.test/verify';
    tab.frames = [
      { url: tab.topUrl, frameId: 0, fields: { username: false, password: false, otp: true } },
    ];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({
      kind: 'refused',
      reason: 'no-match',
    });
    expect(tab.received[0]?.answer).toMatchObject({ kind: 'refused' });
  });

  it('is nothing for a login without a code: a code field alone is no form', async () => {
    const bank = await bankWith('');
    tab.topUrl = 'https://bank.example/verify';
    tab.frames = [
      { url: tab.topUrl, frameId: 0, fields: { username: false, password: false, otp: true } },
    ];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({
      kind: 'refused',
      reason: 'no-form',
    });
    tab.frames = [{ url: 'https://bank.example/login', frameId: 0 }];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({ kind: 'filled', frames: 1 });
  });

  it('is never given to a frame that asks without a fill under way', async () => {
    await bankWith(SETUP);
    const answer = await sendAs(
      {
        ...contentSender('https://bank.example/verify', 0, TAB),
        tab: { id: TAB, url: 'https://bank.example/verify' },
      },
      'autofill.request',
      { username: false, password: false, otp: true },
    );
    expect(answer).toEqual({ ok: true, data: { kind: 'none' } });
  });
});
