// Comments for tests that do not go through the e-mail confirmation (the HTTP tests of that flow do).
import type { Db } from '../../src/db/client.js';
import type { CommentStatus } from '../../src/generated/prisma/enums.js';

let counter = 0;

export function createComment(
  db: Db,
  consultationId: number,
  data: Partial<{ body: string; authorName: string; status: CommentStatus; parentId: number; official: boolean; hiddenReason: string; createdAt: Date; fragmentAnchor: string; email: string }> = {},
) {
  counter += 1;
  const status = data.status ?? 'PUBLISHED';
  return db.comment.create({
    data: {
      consultationId,
      parentId: data.parentId ?? null,
      authorName: data.authorName ?? `Anna N${counter}.`,
      official: data.official ?? false,
      body: data.body ?? `Komentarz numer ${counter}.`,
      status,
      hiddenReason: data.hiddenReason ?? '',
      fragmentAnchor: data.fragmentAnchor ?? null,
      email: data.email ?? null,
      createdAt: data.createdAt ?? new Date(Date.parse('2026-11-20T10:00:00Z') + counter * 1000),
      publishedAt: status === 'PUBLISHED' ? new Date('2026-11-20T10:00:00Z') : null,
    },
  });
}
