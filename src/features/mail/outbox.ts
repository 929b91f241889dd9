// The outbox folder, read for the panel: newest first, a page at a time, each message parsed with
// mailparser (subjects decoded from RFC 2047). Only names the mailer writes are ever opened.
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { NotFoundError } from '../../http/errors.js';
import { OUTBOX_FILE } from './mailer.js';

export interface OutboxEntry {
  name: string;
  subject: string;
  to: string;
  date: Date | null;
}

async function fileNames(dir: string): Promise<string[]> {
  try {
    return (await fs.promises.readdir(dir)).filter((name) => OUTBOX_FILE.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

const addresses = (value: AddressObject | AddressObject[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []).map((a) => a.text).join(', ');

async function parse(dir: string, name: string) {
  return simpleParser(await fs.promises.readFile(path.join(dir, name)), { skipHtmlToText: true, skipTextLinks: true, skipImageLinks: true });
}

export async function listOutbox(dir: string, page: number, pageSize: number): Promise<{ items: OutboxEntry[]; total: number }> {
  // Names start with the time written, so they sort by it.
  const names = (await fileNames(dir)).sort().reverse();
  const items = await Promise.all(
    names.slice((page - 1) * pageSize, page * pageSize).map(async (name) => {
      const mail = await parse(dir, name);
      return { name, subject: mail.subject ?? '', to: addresses(mail.to), date: mail.date ?? null };
    }),
  );
  return { items, total: names.length };
}

export async function readOutboxMessage(dir: string, name: string): Promise<OutboxEntry & { from: string; text: string; headers: { name: string; value: string }[] }> {
  if (!OUTBOX_FILE.test(name) || !(await fileNames(dir)).includes(name)) throw new NotFoundError();
  const mail = await parse(dir, name);
  const shown = ['list-unsubscribe', 'list-unsubscribe-post', 'message-id'];
  return {
    name,
    subject: mail.subject ?? '',
    to: addresses(mail.to),
    from: addresses(mail.from),
    date: mail.date ?? null,
    text: mail.text ?? '',
    headers: mail.headerLines.filter((h) => shown.includes(h.key)).map((h) => ({ name: h.line.slice(0, h.line.indexOf(':')), value: h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim() })),
  };
}
