import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { randomToken } from '../services/tokens';
import type { MailContent } from './templates';

export interface OutgoingMail extends MailContent {
  to: string;
}

export interface Mailer {
  /** Sends after the HTTP answer: neither the answer nor its timing may depend on the mail. */
  sendInBackground(mail: OutgoingMail): void;
  /** Waits for mails still on their way (shutdown, tests). */
  flush(): Promise<void>;
  readonly mode: 'smtp' | 'outbox';
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  dataDir: string;
  from: string;
  log: Logger;
}

/**
 * nodemailer through `SMTP_URL`, or, with no SMTP server configured, one `.eml` file per message in
 * `<data>/outbox` so a single machine needs nothing else (DESIGN §8). Logs name the kind of email
 * and, in outbox mode, the file it was written to; never its subject, text, code or link (the
 * outbox file is the only place those appear).
 */
export function createMailer(options: MailerOptions): Mailer {
  const { log } = options;
  const outbox = join(options.dataDir, 'outbox');
  const transport =
    options.smtpUrl !== undefined
      ? nodemailer.createTransport(options.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const mode = options.smtpUrl !== undefined ? 'smtp' : 'outbox';
  const pending = new Set<Promise<void>>();
  let sequence = 0;

  async function send(mail: OutgoingMail) {
    const info = (await transport.sendMail({
      from: options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'X-Cassaforte-Mail': mail.kind },
    })) as { message?: unknown };
    if (mode === 'smtp') {
      log.info({ mail: mail.kind }, 'email sent');
      return;
    }
    await mkdir(outbox, { recursive: true, mode: 0o700 });
    // The sequence number orders two emails of the same millisecond as they were sent.
    sequence += 1;
    const file = join(
      outbox,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(sequence).padStart(6, '0')}-${randomToken(6)}.eml`,
    );
    await writeFile(file, info.message instanceof Buffer ? info.message : String(info.message), {
      mode: 0o600,
    });
    log.info({ mail: mail.kind, outbox: file }, 'email written to the outbox');
  }

  return {
    mode,
    sendInBackground(mail) {
      const job = send(mail)
        .catch((err: unknown) => {
          log.error(
            {
              err: { message: err instanceof Error ? err.message : String(err) },
              mail: mail.kind,
            },
            'email failed',
          );
        })
        .finally(() => pending.delete(job));
      pending.add(job);
    },
    async flush() {
      await Promise.all([...pending]);
    },
  };
}
