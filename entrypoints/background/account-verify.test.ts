/**
 * Creating an account with the code emailed to it (issue 11, DESIGN §5), through the background's
 * real message listener and the real server, whose mail lands in its outbox. What a user would
 * notice: the form is checked before any mail goes out, a wrong code can be typed again, the form
 * outlives a closed popup and a stopped worker, and a taken address behaves like a new one.
 */
import { describe, expect, it } from 'vitest';
import { getStored } from '@/lib/storage/store';
import { emailedCode, nextMail } from '@/tests/support/accounts';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  newEmail,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

const form = (email: string) => ({
  email,
  password: PASSWORD,
  hint: 'the horse',
  serverUrl: env.server.url,
});
const verify = (email: string) => ask('account.verifyEmail', form(email));
/** A code of the right shape that the server did not send (1 in 2^40 to be right by chance). */
const wrongCode = (code: string) => (code.startsWith('Z') ? 'Y' : 'Z') + code.slice(1);
const verifyRequests = () => env.requests.filter((r) => r.path === '/v1/accounts/verify');

describe('creating an account needs the code emailed to the address', () => {
  it('refuses a wrong code, keeps the form, and creates the account with the right one', async () => {
    boot();
    const email = newEmail('verify');
    const pending = await verify(email);
    expect(pending).toMatchObject({ email, serverUrl: env.server.url, hint: 'the horse' });
    const code = await emailedCode(env.server, email);

    expect(await refusal(ask('account.create', { code: wrongCode(code) }))).toBe('invalid-code');
    expect((await ask('app.status', {})).state).toBe('signed-out');
    expect((await ask('account.pendingCreate', {})).pending).toMatchObject({ email });

    // Typed as people type it: lower case, no dash.
    const kit = await ask('account.create', { code: code.toLowerCase().replace('-', '') });
    expect(kit.email).toBe(email);
    expect(await ask('app.status', {})).toMatchObject({ state: 'unlocked', email });
    const registered = env.requests.filter((r) => r.path === '/v1/accounts/register/finish').at(-1);
    expect(registered?.body).toMatchObject({ verification: { code } });
    expect((await ask('account.pendingCreate', {})).pending).toBeUndefined();
  });

  it('creates nothing and sends nothing without a code, or for a weak password', async () => {
    boot();
    expect(await refusal(ask('account.create', { code: 'ABCD-EFGH' }))).toBe('invalid-code');
    expect(
      await refusal(ask('account.verifyEmail', { ...form(newEmail()), password: 'short' })),
    ).toBe('weak-password');
    expect(await refusal(ask('account.verifyEmail', form('not an email')))).toBe('bad-email');
    expect(verifyRequests()).toEqual([]);
    expect(env.requests.filter((r) => r.path.startsWith('/v1/accounts/register'))).toEqual([]);
  });

  it('keeps the form while the popup is closed and the worker stopped', async () => {
    boot();
    const email = newEmail('later');
    await verify(email);
    boot(); // the worker was stopped; storage.session kept the form
    const { pending } = await ask('account.pendingCreate', {});
    expect(pending).toMatchObject({ email, hint: 'the horse' });
    // What waits is the new vault's key material, never the password (DESIGN §2).
    expect(pending).not.toHaveProperty('password');
    expect(JSON.stringify(await getStored('pendingAccount'))).not.toContain(PASSWORD);
    const kit = await ask('account.create', { code: await emailedCode(env.server, email) });
    expect(kit.email).toBe(email);
  });

  it('sends a new code on request, and the newest one creates the account', async () => {
    boot();
    const email = newEmail('again');
    const sent = await verify(email);
    await emailedCode(env.server, email);
    const again = await ask('account.resendCode', {});
    expect(again.sentAt).toBeGreaterThanOrEqual(sent.sentAt);
    expect(verifyRequests()).toHaveLength(2);
    const code = await emailedCode(env.server, email);
    expect((await ask('account.create', { code })).email).toBe(email);
  });

  it('forgets the form when the user goes back', async () => {
    boot();
    await verify(newEmail('back'));
    await ask('account.cancelCreate', {});
    expect((await ask('account.pendingCreate', {})).pending).toBeUndefined();
    expect(await refusal(ask('account.create', { code: 'ABCD-EFGH' }))).toBe('invalid-code');
  });

  it('answers a taken address exactly as a new one; its owner gets a notice, not a code', async () => {
    boot();
    const { email } = await createAccount();
    await ask('account.signOut', {});

    const pending = await verify(email);
    expect(Object.keys(pending).sort()).toEqual(['email', 'hint', 'sentAt', 'serverUrl']);
    const answers = env.requests.filter((r) => r.path === '/v1/accounts/verify');
    expect(answers.at(-1)?.body).toEqual({ email });
    const notice = await nextMail(env.server, email, 'account-exists');
    expect(notice.code).toBeUndefined();
    // Whatever is typed, the end is the same refusal a wrong code gets.
    expect(await refusal(ask('account.create', { code: 'ABCD-EFGH' }))).toBe('invalid-code');
    expect((await ask('app.status', {})).state).toBe('signed-out');
  });
});
