// View models of the discussion: what a page may show of a comment (never the e-mail address; a
// hidden comment's text is replaced by the moderator's reason).
import type { PublicComment } from './comments.service.js';
import { commentUrls } from './comments.urls.js';

type Slugged = { slug: string };

export function commentView(c: Slugged, comment: PublicComment, open: boolean) {
  const hidden = comment.status === 'HIDDEN';
  return {
    id: comment.id,
    anchor: `komentarz-${comment.id}`,
    author: comment.authorName,
    official: comment.official,
    hidden,
    text: hidden ? null : comment.body,
    hiddenReason: hidden ? comment.hiddenReason : null,
    createdAt: comment.createdAt,
    fragment: comment.fragmentAnchor ? { anchor: comment.fragmentAnchor, href: commentUrls.draftFragment(c, comment.fragmentAnchor) } : null,
    replyHref: open && !hidden && comment.parentId === null ? commentUrls.reply(c, comment.id) : null,
    reportHref: hidden || comment.official ? null : commentUrls.report(c, comment.id),
  };
}
export type CommentView = ReturnType<typeof commentView>;
