// Factories of remarks and drafts for tests (the general ones are in factories.ts).
import type { Db } from '../../src/db/client.js';
import type { RemarkAuthorKind, RemarkChannel, RemarkPosition } from '../../src/generated/prisma/enums.js';
import { publishDraft } from '../../src/features/remarks/drafts.service.js';

let counter = 0;

export function createRemark(
  db: Db,
  consultationId: number,
  data: Partial<{
    channel: RemarkChannel;
    receivedAt: Date;
    late: boolean;
    part: string;
    content: string;
    proposal: string;
    justification: string;
    authorKind: RemarkAuthorKind;
    authorName: string;
    email: string | null;
    position: RemarkPosition | null;
    answer: string;
    draftId: number | null;
    fragmentAnchor: string | null;
  }> = {},
) {
  counter += 1;
  return db.remark.create({
    data: {
      consultationId,
      reference: `T/${counter}/${Math.random().toString(36).slice(2, 8)}`,
      channel: data.channel ?? 'ONLINE',
      receivedAt: data.receivedAt ?? new Date('2026-11-20T10:00:00Z'),
      late: data.late ?? false,
      part: data.part ?? '§ 1',
      content: data.content ?? `Uwaga numer ${counter}`,
      proposal: data.proposal ?? '',
      justification: data.justification ?? '',
      authorKind: data.authorKind ?? 'PERSON',
      authorName: data.authorName ?? '',
      email: data.email ?? null,
      position: data.position ?? null,
      answer: data.answer ?? '',
      answeredAt: data.position ? new Date('2026-11-22T10:00:00Z') : null,
      draftId: data.draftId ?? null,
      fragmentAnchor: data.fragmentAnchor ?? null,
    },
  });
}

export const SAMPLE_DRAFT = `Projekt uchwały w sprawie zasad konsultacji

# Rozdział 1. Przepisy ogólne

§ 1. Uchwała określa zasady i tryb konsultacji.

§ 2.
1. Konsultacje przeprowadza się w formie:
1) ankiety,
2) spotkania z mieszkańcami.
2. Wyniki konsultacji są jawne.

§ 3. Wykonanie uchwały powierza się Prezydentowi Miasta.`;

/** Publishes a version of the draft as staff would (no audit user needed: an administrator id). */
export function createDraft(db: Db, consultationId: number, actorId: number, source = SAMPLE_DRAFT) {
  return publishDraft({ db, actor: { id: actorId }, now: new Date('2026-11-15T10:00:00Z') }, consultationId, { draftTitle: 'Projekt uchwały', draftSource: source });
}
