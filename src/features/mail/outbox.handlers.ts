// The panel's view of the outbox folder (administrators only): the demo shows what would have been sent.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { pageLinks, pageOf, pageParam } from '../../http/pagination.js';
import { listOutbox, readOutboxMessage } from './outbox.js';

const PAGE_SIZE = 20;
export const OUTBOX_URL = '/panel/poczta';
const messageUrl = (name: string) => `${OUTBOX_URL}/${encodeURIComponent(name)}`;
const listQuery = z.object({ strona: pageParam });

export function outboxHandlers(deps: Deps) {
  const { outboxDir } = deps.config.mail;
  const crumbs = [{ key: 'panel.title', href: '/panel' }, { key: 'panel.mail.title', href: OUTBOX_URL }];

  const list: RequestHandler = async (req, res) => {
    const { strona } = listQuery.parse(req.query);
    const { items, total } = await listOutbox(outboxDir, strona, PAGE_SIZE);
    res.render('panel/mail/list', {
      items: items.map((item) => ({ ...item, href: messageUrl(item.name) })),
      smtp: deps.mailer.kind === 'smtp',
      dir: outboxDir,
      pagination: pageLinks(OUTBOX_URL, {}, pageOf(items, total, strona, PAGE_SIZE)),
      breadcrumbs: [crumbs[0], { key: 'panel.mail.title' }],
    });
  };

  const show: RequestHandler = async (req, res) => {
    const message = await readOutboxMessage(outboxDir, String(req.params.name));
    res.render('panel/mail/show', { message, backUrl: OUTBOX_URL, breadcrumbs: [...crumbs, { label: message.subject }] });
  };

  return { list, show };
}
