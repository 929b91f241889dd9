// An investment as the owner of documents and photos: the shared attachments pages load it through this.
import type { Deps } from '../../deps.js';
import { routeId } from '../../http/params.js';
import type { AttachmentHost } from '../attachments/attachments.handlers.js';
import { findManageableInvestment } from './investments.policy.js';
import { panelInvestmentUrls } from './investments.urls.js';

type ManageableInvestment = Awaited<ReturnType<typeof findManageableInvestment>>;

export function investmentAttachmentHost(deps: Deps): AttachmentHost<ManageableInvestment> {
  return {
    load: (req) => findManageableInvestment(deps.db, req.user!, routeId(req.params.id)),
    owner: (i) => ({ investmentId: i.id }),
    base: (i) => `/panel/inwestycje/${i.id}`,
    labelKey: 'panel.investments.owner',
    showUrl: (i) => panelInvestmentUrls.show(i),
    breadcrumbs: (i) => [{ key: 'panel.title', href: '/panel' }, { key: 'panel.investments.title', href: panelInvestmentUrls.list() }, { label: i.title, href: panelInvestmentUrls.show(i) }],
  };
}
