// Factories of remarks and drafts for tests (the general ones are in factories.ts).
import type { Db } from '../../src/db/client.js';
import type { RemarkAuthorKind, RemarkChannel, RemarkPosition } from '../../src/generated/prisma/enums.js';
import { publishDraft } from '../../src/features/remarks/drafts.service.js';
import { zip } from './files.js';

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

/** A finished consultation's known data set: five remarks from four channels, all answered, and comments. */
export async function createReportDataSet(db: Db, consultationId: number) {
  await createRemark(db, consultationId, { channel: 'ONLINE', receivedAt: new Date('2026-11-15T09:00:00Z'), part: '§ 1', content: 'Dodać warsztaty.', authorName: 'Zofia Prywatna', email: 'zofia.prywatna@example.org', position: 'ACCEPTED', answer: 'Dodamy warsztaty.' });
  await createRemark(db, consultationId, { channel: 'ONLINE', receivedAt: new Date('2026-11-16T09:00:00Z'), part: '§ 2', content: 'Skrócić termin.', authorName: 'Jan Tajny', email: 'jan.tajny@example.org', position: 'REJECTED', answer: 'Termin wynika z uchwały.' });
  await createRemark(db, consultationId, { channel: 'EMAIL', receivedAt: new Date('2026-11-17T09:00:00Z'), part: '§ 3', content: 'Konsultować w każdej dzielnicy.', authorKind: 'INSTITUTION', authorName: 'Rada Dzielnicy Raków', email: 'rada.rakow@example.org', position: 'PARTLY_ACCEPTED', answer: 'W dzielnicach, których dotyczy projekt.' });
  await createRemark(db, consultationId, { channel: 'PAPER', receivedAt: new Date('2026-12-07T11:00:00Z'), late: true, part: 'całość', content: 'Zbudować basen.', authorName: 'Ewa Papierowa', position: 'OUT_OF_SCOPE', answer: 'Nie dotyczy projektu.' });
  await createRemark(db, consultationId, { channel: 'MEETING', receivedAt: new Date('2026-11-28T17:00:00Z'), part: '§ 2', content: 'Co to jest ankieta?', position: 'EXPLANATION', answer: 'Ankieta to zestaw pytań.' });
  await db.comment.createMany({
    data: [
      { consultationId, authorName: 'Anna N.', body: 'Dobrze', status: 'PUBLISHED', publishedAt: new Date('2026-11-20T10:00:00Z') },
      { consultationId, authorName: 'Piotr K.', body: 'Źle', status: 'PUBLISHED', publishedAt: new Date('2026-11-21T10:00:00Z') },
      { consultationId, authorName: 'Ukryty U.', body: 'Spam', status: 'HIDDEN', hiddenReason: 'Reklama' },
    ],
  });
}

/** The private persons' names and addresses of the data set: none may appear in anything public. */
export const PRIVATE_DATA = ['Zofia', 'Prywatna', 'zofia.prywatna@example.org', 'Jan Tajny', 'jan.tajny@example.org', 'Ewa Papierowa', 'rada.rakow@example.org'];

/** A minimal Word document (DOCX) whose paragraphs are the given lines. */
export function docx(paragraphs: string[]): Buffer {
  const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`).join('');
  return zip([
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    { name: '_rels/.rels', data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
    { name: 'word/document.xml', data: `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>` },
  ]);
}
