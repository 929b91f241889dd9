// A news article as the owner of photos and documents: the shared attachments pages load it through this.
import type { Deps } from '../../deps.js';
import { routeId } from '../../http/params.js';
import type { AttachmentHost } from '../attachments/attachments.handlers.js';
import { findManageableNews } from './news.policy.js';
import { panelNewsUrls } from './news.urls.js';

type ManageableNews = Awaited<ReturnType<typeof findManageableNews>>;

export function newsAttachmentHost(deps: Deps): AttachmentHost<ManageableNews> {
  return {
    load: (req) => findManageableNews(deps.db, req.user!, routeId(req.params.id)),
    owner: (n) => ({ newsId: n.id }),
    base: (n) => `/panel/aktualnosci/${n.id}`,
    labelKey: 'panel.news.owner',
    showUrl: (n) => panelNewsUrls.show(n),
    breadcrumbs: (n) => [{ key: 'panel.title', href: '/panel' }, { key: 'panel.news.title', href: panelNewsUrls.list() }, { label: n.title, href: panelNewsUrls.show(n) }],
  };
}
