/**
 * The inline menu on a one-time code field (multi-step logins, DESIGN §6), through the real
 * router and wiring: right after a login with a code was filled into the tab, a code field of the
 * same site gets a menu offering that login's code, and a click fills the code of the moment
 * (never the setup, never the password) through the same page check and fill policy.
 */
import { describe, expect, it } from 'vitest';
import { otpCodeAt } from '@/lib/vault/totp';
import { ask } from '@/tests/support/background-harness';
import {
  BANK,
  fieldSender,
  fills,
  frameSender,
  openMenu,
  send,
  unlockedWithLogins,
  useMenuTab,
} from '@/tests/support/menu-tab';

useMenuTab();

const SETUP = 'otpauth://totp/Bank:ada?secret=JBSWY3DPEHPK3PXP&issuer=Bank';
const VERIFY = 'https://bank.example/verify';
const CODE_FIELD = { field: 'otp', form: 'login' } as const;

function codesNow(): string[] {
  const now = Date.now();
  return [otpCodeAt(SETUP, now).code, otpCodeAt(SETUP, now - 1500).code];
}

/** Ada's login gets a code; she is filled into the sign-in page from the menu. */
async function filledAda(withCode = true) {
  const logins = await unlockedWithLogins();
  const ada = await ask('vault.save', { item: { ...logins.ada, otp: withCode ? SETUP : '' } });
  const token = await openMenu(fieldSender(BANK));
  const point = { x: 1, y: 1 };
  expect(await send(frameSender(token), 'menu.fill', { token, itemId: ada.id, point })).toEqual({
    kind: 'filled',
  });
  return { ...logins, ada };
}

describe('a one-time code field', () => {
  it('gets no menu before a login with a code was filled into the tab', async () => {
    await unlockedWithLogins();
    expect(await send(fieldSender(VERIFY), 'inpage.open', CODE_FIELD)).toEqual({});
  });

  it('offers the code of the login just filled, and a click fills only the code', async () => {
    const { ada } = await filledAda();
    const token = await openMenu(fieldSender(VERIFY), CODE_FIELD);
    const menu = frameSender(token, { topUrl: VERIFY });
    expect(await send(menu, 'menu.state', { token })).toEqual({
      view: 'logins',
      site: 'bank.example',
      logins: [{ id: ada.id, title: 'Bank', username: 'ada' }],
      generate: false,
      code: true,
    });
    const point = { x: 2, y: 3 };
    expect(await send(menu, 'menu.fill', { token, itemId: ada.id, point })).toEqual({
      kind: 'filled',
    });
    const sent = fills().at(-1)?.message;
    expect(sent).toMatchObject({ type: 'inpage.fill', token });
    expect(codesNow()).toContain(sent?.type === 'inpage.fill' && sent.otp);
    expect(sent).not.toHaveProperty('password');
    expect(JSON.stringify(fills())).not.toContain('JBSWY3DP');
  });

  it('fills no other login’s code there, even one of the same site', async () => {
    const { grace } = await filledAda();
    const token = await openMenu(fieldSender(VERIFY), CODE_FIELD);
    const before = fills().length;
    const point = { x: 2, y: 3 };
    expect(
      await send(frameSender(token, { topUrl: VERIFY }), 'menu.fill', {
        token,
        itemId: grace.id,
        point,
      }),
    ).toEqual({ kind: 'refused', reason: 'no-match' });
    expect(fills().length).toBe(before);
  });

  it('of another site gets no menu', async () => {
    await filledAda();
    const elsewhere = 'https://bank.example.evil.test/verify';
    expect(await send(fieldSender(elsewhere), 'inpage.open', CODE_FIELD)).toEqual({});
  });

  it('after a login without a code gets no menu', async () => {
    await filledAda(false);
    expect(await send(fieldSender(VERIFY), 'inpage.open', CODE_FIELD)).toEqual({});
  });
});
