import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetStartResponseSchema } from '../../lib/api';
import type { MailKind } from '../mail/templates';
import { Api, credentials, keyMaterial, login, register, type Account } from './client';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';
import type { SentMail } from './mailbox';

usePostgres();

/** What each email must say in each language: its subject and one sentence of its text. */
const EXPECTED: Record<string, Record<MailKind, { subject: string; says: string }>> = {
  en: {
    verification: {
      subject: 'Your Cassaforte verification code',
      says: 'It works once, for 30 minutes.',
    },
    'account-exists': {
      subject: 'Someone tried to create a Cassaforte account with your address',
      says: '“Forgot your password?”',
    },
    reset: { subject: 'Reset your Cassaforte account', says: '“I have a reset email”' },
    'reset-done': { subject: 'Your Cassaforte account was reset', says: 'new Emergency Kit' },
    'new-sign-in': {
      subject: 'New sign-in to your Cassaforte account',
      says: 'Cassaforte → Settings → Devices',
    },
  },
  it: {
    verification: {
      subject: 'Il tuo codice di verifica di Cassaforte',
      says: 'Funziona una sola volta, per 30 minuti.',
    },
    'account-exists': {
      subject: 'Qualcuno ha provato a creare un account Cassaforte con il tuo indirizzo',
      says: '«Hai dimenticato la password?»',
    },
    reset: {
      subject: 'Reimposta il tuo account Cassaforte',
      // As the /reset page quotes the popup's button.
      says: "«Ho un'email di reimpostazione»",
    },
    'reset-done': {
      subject: 'Il tuo account Cassaforte è stato reimpostato',
      says: 'nuovo Kit di emergenza',
    },
    'new-sign-in': {
      subject: 'Nuovo accesso al tuo account Cassaforte',
      says: 'Cassaforte → Impostazioni → Dispositivi',
    },
  },
  de: {
    verification: {
      subject: 'Dein Bestätigungscode für Cassaforte',
      says: 'Er funktioniert einmal, 30 Minuten lang.',
    },
    'account-exists': {
      subject: 'Jemand wollte mit deiner Adresse ein Cassaforte-Konto erstellen',
      says: '„Passwort vergessen?“',
    },
    reset: {
      subject: 'Dein Cassaforte-Konto zurücksetzen',
      says: '„Ich habe eine E-Mail zum Zurücksetzen“',
    },
    'reset-done': { subject: 'Dein Cassaforte-Konto wurde zurückgesetzt', says: 'Notfall-Kit' },
    'new-sign-in': {
      subject: 'Neue Anmeldung bei deinem Cassaforte-Konto',
      says: 'Cassaforte → Einstellungen → Geräte',
    },
  },
};

function expectIn(lang: string, mail: SentMail, kind: MailKind) {
  expect(mail.kind).toBe(kind);
  expect(mail.subject).toBe(EXPECTED[lang]![kind].subject);
  expect(mail.text).toContain(EXPECTED[lang]![kind].says);
  // Plain text that reads in any client: short lines, but a link is never cut.
  for (const line of mail.text.split('\n')) {
    if (!line.includes('://')) expect(line.length).toBeLessThanOrEqual(76);
  }
}

describe.each(ENGINES)('emails in the language of the request on %s', (engine) => {
  let server: TestServer;
  let base: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    base = new Api(server.url, server);
  });
  afterAll(() => server?.close());

  /** reset/request, then start + confirm with the emailed link, all from `api`. */
  async function resetAccount(api: Api, account: Account) {
    const asked = await api.call('POST', '/v1/account/reset/request', { email: account.email });
    expect(asked.status).toBe(202);
    const mail = await server.lastMail(account.email, 'reset');
    expect(mail.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(mail.resetLink).toBe(`https://vault.cassaforte.test/reset#token=${mail.resetToken}`);
    const proof = { token: mail.resetToken! };
    let epoch = 0;
    const km = await keyMaterial({ ...account, password: 'new' }, async (registrationRequest) => {
      const reply = await api.call('POST', '/v1/account/reset/start', {
        proof,
        registrationRequest,
      });
      epoch = resetStartResponseSchema.parse(reply.body).epoch;
      return reply;
    });
    const confirmed = await api.call('POST', '/v1/account/reset/confirm', {
      proof,
      epoch,
      registrationRecord: km.registrationRecord,
      kdf: km.kdf,
      wrappedVaultKey: km.wrappedVaultKey,
    });
    expect(confirmed.status).toBe(200);
    return mail;
  }

  it.each([
    ['it', 'it-IT,it;q=0.9,en-US;q=0.8,en;q=0.7'],
    ['de', 'de-DE,de;q=0.9,en;q=0.5'],
    ['en', 'fr-FR,fr;q=0.9,es;q=0.8'],
    ['en', undefined],
  ])('%s for Accept-Language %s, every kind of email', async (lang, acceptLanguage) => {
    const api = base.from(acceptLanguage === undefined ? {} : { acceptLanguage });
    const c = credentials(`lang-${lang}`);
    const account = await register(api, c);
    expectIn(lang, (await server.mails(c.email))[0]!, 'verification');

    expect((await api.call('POST', '/v1/accounts/verify', { email: c.email })).status).toBe(202);
    const exists = await server.lastMail(c.email, 'account-exists');
    expectIn(lang, exists, 'account-exists');
    expect(exists.code).toBeUndefined();

    const first = await login(api, c, 'first');
    await api.call('POST', '/v1/auth/logout', undefined, first.token);
    await login(api, c, 'Firefox su Linux');
    const signIn = await server.lastMail(c.email, 'new-sign-in');
    expectIn(lang, signIn, 'new-sign-in');
    expect(signIn.text).toMatch(/^ {4}Firefox su Linux\n {4}\d{4}-\d\d-\d\d \d\d:\d\d UTC$/m);

    expectIn(lang, await resetAccount(api, account), 'reset');
    expectIn(lang, await server.lastMail(c.email, 'reset-done'), 'reset-done');
  });

  it('follows each request, not the account: an Italian account reset from a German browser', async () => {
    const c = credentials('lang-mixed');
    const account = await register(base.from({ acceptLanguage: 'it' }), c);
    expectIn('it', (await server.mails(c.email))[0]!, 'verification');
    const german = base.from({ acceptLanguage: 'de-AT' });
    expectIn('de', await resetAccount(german, account), 'reset');
    expectIn('de', await server.lastMail(c.email, 'reset-done'), 'reset-done');
  });

  it('never logs a code', async () => {
    const c = credentials('lang-logs');
    await register(base.from({ acceptLanguage: 'de' }), c);
    const { code } = (await server.mails(c.email))[0]!;
    expect(code).toBeDefined();
    expect(server.logs.join('\n')).not.toContain(code!);
  });
});
