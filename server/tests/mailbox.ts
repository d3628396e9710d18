import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { MailKind } from '../mail/templates';

/**
 * What tests read in the emails the server sent, whether it wrote them to its outbox or sent them
 * to a real SMTP peer (server/tests/smtp.ts): the verification or reset code, the reset link.
 * Shared by the server tests (harness.ts) and the browser suite (tests/support/server.ts).
 */
export interface SentMail {
  to: string;
  subject: string;
  text: string;
  /** From the `X-Cassaforte-Mail` header. */
  kind: MailKind | undefined;
  /** The short code (`XXXX-XXXX`) of a verification or reset email. */
  code?: string;
  /** A reset email's link (`…/reset#token=…`) and its token. */
  resetLink?: string;
  resetToken?: string;
}

export interface Mailbox {
  /** Every email sent so far (to `to`, if given), oldest first. */
  mails(to?: string): Promise<SentMail[]>;
  /**
   * Waits for an email to `to` (of `kind`, if given) that no earlier call returned, and returns
   * the newest such: a test that asks twice gets the second email, not the first again.
   */
  lastMail(to: string, kind?: MailKind, timeoutMs?: number): Promise<SentMail>;
}

const addressOf = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).map((a) => a.text).join(', ');

export function describeMail(mail: ParsedMail): SentMail {
  const text = mail.text ?? '';
  const link = /(https?:\/\/\S+\/reset#token=([A-Za-z0-9_-]{43}))/.exec(text);
  // Codes stand alone on an indented line; a link's token may hold look-alikes.
  const code = /^ {4}([0-9A-Z]{4}-[0-9A-Z]{4})$/m.exec(text)?.[1];
  const header = mail.headers.get('x-cassaforte-mail');
  return {
    to: addressOf(mail),
    subject: mail.subject ?? '',
    text,
    kind: typeof header === 'string' ? (header as MailKind) : undefined,
    ...(code === undefined ? {} : { code }),
    ...(link === null ? {} : { resetLink: link[1], resetToken: link[2] }),
  };
}

/** A mailbox over any source of parsed emails (in the order they were sent). */
export function createMailbox(read: () => Promise<ParsedMail[]>): Mailbox {
  const returned = new WeakSet<ParsedMail>();
  const matching = (all: ParsedMail[], to: string | undefined, kind?: MailKind) =>
    all.filter((m) => {
      if (to !== undefined && !addressOf(m).toLowerCase().includes(to.toLowerCase())) return false;
      return kind === undefined || describeMail(m).kind === kind;
    });
  return {
    async mails(to) {
      return matching(await read(), to).map(describeMail);
    },
    async lastMail(to, kind, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const fresh = matching(await read(), to, kind).filter((m) => !returned.has(m));
        const newest = fresh.at(-1);
        if (newest !== undefined) {
          for (const m of fresh) returned.add(m);
          return describeMail(newest);
        }
        if (Date.now() > deadline) {
          throw new Error(`no ${kind ?? ''} email to ${to} arrived`.replace('  ', ' '));
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

/** The `.eml` files of a server's outbox (no SMTP_URL), parsed once each, oldest first. */
export function outboxMailbox(dataDir: string): Mailbox {
  const parsed = new Map<string, ParsedMail>();
  return createMailbox(async () => {
    const dir = join(dataDir, 'outbox');
    const names = (await readdir(dir).catch(() => [] as string[]))
      .filter((n) => n.endsWith('.eml'))
      .sort();
    for (const name of names) {
      if (!parsed.has(name)) parsed.set(name, await simpleParser(await readFile(join(dir, name))));
    }
    return names.map((n) => parsed.get(n)!);
  });
}
