/**
 * The browser suite's server (E2eServer) gives journeys what a user would find in the inbox, from
 * the outbox or from a real SMTP peer, and license codes from the admin command.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Api, credentials, login, register } from '../../server/tests/client';
import { startSmtpPeer, type SmtpPeer } from '../../server/tests/smtp';
import { startE2eServer, type E2eServer } from './server';

describe('E2eServer', () => {
  const open: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const o of open.reverse()) await o.close();
  });

  async function serverWith(options: { smtp?: SmtpPeer }): Promise<E2eServer> {
    const server = await startE2eServer({ defaultPlan: 'free', ...options });
    open.push(server);
    return server;
  }

  for (const via of ['outbox', 'smtp'] as const) {
    it(`reads the verification code and the reset link and code sent by ${via}`, async () => {
      const smtp = via === 'smtp' ? await startSmtpPeer() : undefined;
      if (smtp) open.push(smtp);
      const server = await serverWith({ smtp });
      const api = new Api(server.url, server);
      const c = credentials('e2e');
      await register(api, c);
      expect((await server.mails(c.email)).map((m) => m.kind)).toEqual(['verification']);

      await api.call('POST', '/v1/account/reset/request', { email: c.email });
      const reset = await server.lastMail(c.email, 'reset');
      expect(reset.resetLink).toBe(`${server.url}/reset#token=${reset.resetToken}`);
      expect(reset.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      if (smtp) expect(smtp.messages).toHaveLength(2);
      else expect(await server.outbox()).toHaveLength(2);
    });
  }

  it('grants pro with a license code from the admin command', async () => {
    const server = await serverWith({});
    const api = new Api(server.url, server);
    const c = credentials('e2e');
    await register(api, c);
    const one = await login(api, c, 'A');
    expect(one.plan).toBe('free');
    const code = await server.issueLicense('pro');
    expect(code).toMatch(/^CFL-/);
    const redeemed = await api.call('POST', '/v1/license/redeem', { code }, one.token);
    expect(redeemed.body).toEqual({ plan: 'pro' });
    expect((await login(api, c, 'B')).plan).toBe('pro');
  });
});
