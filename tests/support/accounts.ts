/**
 * Creating an account the way the popup does (DESIGN §5): the form first, which has the server
 * email a code to the address, then the code read from the server's mail, then the account.
 * For every test that needs an account through the background, in Node (background-harness.ts) and
 * in the browsers (messages.ts): they all send the same protocol messages.
 *
 *   const kit = await createAccount(send, server, { email, password, hint: '', serverUrl });
 *
 * The code is read with the server tests' mailbox (server/tests/mailbox.ts): the browser suite's
 * E2eServer is one (outbox or SMTP peer); for the background harness's server one is made over its
 * outbox, one per server, so a test that asks twice gets the second email, not the first again.
 */
import type { MailKind } from '../../server/mail/templates';
import { outboxMailbox, type Mailbox, type SentMail } from '../../server/tests/mailbox';
import type { EmergencyKit, MessageType, Payload, Reply } from '@/lib/messaging/protocol';

/** `send` of messages.ts, or `ask` of background-harness.ts. */
export type Send = <K extends MessageType>(type: K, payload: Payload<K>) => Promise<Reply<K>>;

/** A test server: a mailbox itself (E2eServer), or one whose data directory holds the outbox. */
export type WithOutbox = { dataDir: string } & Partial<Mailbox>;

export interface NewAccount {
  email: string;
  password: string;
  hint: string;
  serverUrl: string;
}

const mailboxes = new Map<string, Mailbox>();

/** The server's mailbox; the same one for every call about this server. */
export function mailboxOf(server: WithOutbox): Mailbox {
  if (server.lastMail && server.mails) return { lastMail: server.lastMail, mails: server.mails };
  let box = mailboxes.get(server.dataDir);
  if (!box) mailboxes.set(server.dataDir, (box = outboxMailbox(server.dataDir)));
  return box;
}

/** The next email of `kind` to `to` that no earlier call returned (waited for). */
export function nextMail(server: WithOutbox, to: string, kind?: MailKind): Promise<SentMail> {
  return mailboxOf(server).lastMail(to, kind, 15_000);
}

/** The code of the next verification email to `to`. */
export async function emailedCode(server: WithOutbox, to: string): Promise<string> {
  const mail = await nextMail(server, to, 'verification');
  if (!mail.code) throw new Error(`the verification email to ${to} carries no code`);
  return mail.code;
}

/** The form, the emailed code, the account: the Emergency Kit, as `account.create` answers. */
export async function createAccount(
  send: Send,
  server: WithOutbox,
  form: NewAccount,
): Promise<EmergencyKit> {
  await send('account.verifyEmail', form);
  return send('account.create', { code: await emailedCode(server, form.email) });
}
