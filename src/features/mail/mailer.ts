// Sends e-mail: nodemailer over SMTP when SMTP_URL is set, otherwise the same message is written as
// an .eml file to the outbox folder (listed for administrators at /panel/poczta). Either way nodemailer
// builds the message, so headers and encodings (Polish subjects as RFC 2047) are the same.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  /** A stable Message-ID lets a receiving server drop a copy sent again after a crash. */
  messageId?: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** An outbox file name: the time it was written (sorts newest last) and a random part. */
export const OUTBOX_FILE = /^\d{8}T\d{9}Z-[0-9a-f]{12}\.eml$/;

function outboxFileName(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${crypto.randomBytes(6).toString('hex')}.eml`;
}

export function createMailer(mail: Config['mail']): Mailer {
  const defaults = { from: mail.from };
  if (mail.smtpUrl) {
    const transport = nodemailer.createTransport({ url: mail.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 }, defaults);
    return {
      kind: 'smtp',
      async send(message) {
        await transport.sendMail(message);
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }, defaults);
  return {
    kind: 'outbox',
    async send(message) {
      const info = await transport.sendMail(message);
      await fs.promises.mkdir(mail.outboxDir, { recursive: true });
      // Written under a temporary name and renamed, so the panel never lists half a message.
      const name = outboxFileName(new Date());
      const temporary = path.join(mail.outboxDir, `.${name}.tmp`);
      await fs.promises.writeFile(temporary, info.message as Buffer);
      await fs.promises.rename(temporary, path.join(mail.outboxDir, name));
    },
    close: () => transport.close(),
  };
}
