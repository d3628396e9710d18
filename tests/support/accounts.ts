/**
 * Creating an account the way the popup does (DESIGN §5): the form first, which has the server
 * email a code to the address, then the code read from the server's outbox, then the account.
 * For every test that needs an account through the background, in Node (background-harness.ts) and
 * in the browsers (messages.ts): they all send the same protocol messages.
 *
 *   const kit = await createAccount(send, server, { email, password, hint: '', serverUrl });
 *
 * The server writes its mail to `<dataDir>/outbox/*.eml` when it has no SMTP server (every test
 * server), a moment after it answered: the code is waited for.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { EmergencyKit, MessageType, Payload, Reply } from '@/lib/messaging/protocol';

/** `send` of messages.ts, or `ask` of background-harness.ts. */
export type Send = <K extends MessageType>(type: K, payload: Payload<K>) => Promise<Reply<K>>;

/** A test server: its data directory holds the outbox. */
export interface WithOutbox {
  dataDir: string;
}

export interface NewAccount {
  email: string;
  password: string;
  hint: string;
  serverUrl: string;
}

export interface Mail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

const SHORT_CODE = /\b([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})\b/;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function outboxFiles(server: WithOutbox): Promise<string[]> {
  const dir = join(server.dataDir, 'outbox');
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.eml')).sort();
}

/** The mails in the outbox now (file names sort by time), to wait for what comes after. */
export async function outboxMark(server: WithOutbox): Promise<Set<string>> {
  return new Set(await outboxFiles(server));
}

/** Every mail written after `mark` to `to`, oldest first. */
export async function mailsSince(server: WithOutbox, mark: Set<string>, to: string) {
  const mails: Mail[] = [];
  for (const file of await outboxFiles(server)) {
    if (mark.has(file)) continue;
    const parsed = await simpleParser(await readFile(join(server.dataDir, 'outbox', file)));
    const address = parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '';
    if (address.toLowerCase().includes(to.toLowerCase())) {
      mails.push({ file, to: address, subject: parsed.subject ?? '', text: parsed.text ?? '' });
    }
  }
  return mails;
}

/** Waits for the first mail to `to` after `mark`; fails after `timeoutMs`. */
export async function nextMail(
  server: WithOutbox,
  mark: Set<string>,
  to: string,
  timeoutMs = 15_000,
): Promise<Mail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [mail] = await mailsSince(server, mark, to);
    if (mail) return mail;
    if (Date.now() > until) throw new Error(`no email to ${to} reached the outbox`);
    await sleep(50);
  }
}

/** The short code (`XXXX-XXXX`) a mail carries, or undefined (a notice has none). */
export function codeIn(mail: Mail): string | undefined {
  return SHORT_CODE.exec(mail.text)?.[1];
}

/**
 * The code of the first mail to `to` after `mark` that carries one (a sign-in notice may come
 * too). An address that already has an account never gets one: this then times out.
 */
export async function emailedCode(
  server: WithOutbox,
  mark: Set<string>,
  to: string,
  timeoutMs = 15_000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const code = (await mailsSince(server, mark, to)).map(codeIn).find(Boolean);
    if (code) return code;
    if (Date.now() > until) throw new Error(`no email with a code to ${to} reached the outbox`);
    await sleep(50);
  }
}

/** The form, the emailed code, the account: the Emergency Kit, as `account.create` answers. */
export async function createAccount(
  send: Send,
  server: WithOutbox,
  form: NewAccount,
): Promise<EmergencyKit> {
  const mark = await outboxMark(server);
  await send('account.verifyEmail', form);
  const code = await emailedCode(server, mark, form.email);
  return send('account.create', { code });
}
