// Demo discussion on an open demo consultation: confirmed comments, a reply of a resident, the city's
// answer, one comment hidden with a reason and one waiting for a moderator (with its report).
import type { Db } from '../../db/client.js';

const SLUG = 'rewitalizacja-promenady-niemena-wybor-wariantu';
const HOUR = 3_600_000;

interface DemoComment {
  author: string;
  body: string;
  hoursAgo: number;
  status?: 'PUBLISHED' | 'HIDDEN' | 'PENDING';
  hiddenReason?: string;
  official?: boolean;
  fragment?: string;
  replies?: DemoComment[];
  report?: string;
}

const DEMO: DemoComment[] = [
  {
    author: 'Anna N.',
    body: 'Wariant A. Na Promenadzie brakuje cienia latem – więcej drzew i ławek przyda się seniorom i rodzicom z dziećmi.',
    hoursAgo: 60,
    replies: [
      { author: 'Tomasz K.', body: 'Zgadzam się, ale prosiłbym o poidełko dla psów przy wejściu od ul. Jana Pawła II.', hoursAgo: 50 },
      {
        author: 'Wydział Inwestycji i Zamówień Publicznych',
        official: true,
        body: 'Dziękujemy za uwagi. Oba warianty zakładają nasadzenia drzew; poidełko dopiszemy do założeń projektu. Zapraszamy na spacer studyjny po Promenadzie.',
        hoursAgo: 30,
      },
    ],
  },
  {
    author: 'Magdalena Wójcik',
    body: 'Wariant B: scena plenerowa ożywi Promenadę wieczorami. Więcej informacji o koncertach: https://example.org/koncerty (link jako zwykły tekst).',
    hoursAgo: 40,
  },
  { author: 'Jan K.', body: '(treść ukryta)', hoursAgo: 20, status: 'HIDDEN', hiddenReason: 'Obraźliwe słowa wobec innych uczestników (pkt 2 regulaminu).' },
  { author: 'Ewa M.', body: 'Czy w wariancie B przewidziano parking rowerowy przy scenie?', hoursAgo: 2, status: 'PENDING' },
  { author: 'Piotr Z.', body: 'Prosty, kulturalny komentarz, który ktoś jednak zgłosił.', hoursAgo: 10, report: 'Nie na temat konsultacji' },
];

export async function seedDemoComments(db: Db, now: Date): Promise<number> {
  const consultation = await db.consultation.findUnique({ where: { slug: SLUG }, select: { id: true, _count: { select: { comments: true } } } });
  if (!consultation || consultation._count.comments > 0) return 0;
  let created = 0;
  const create = async (c: DemoComment, parentId: number | null) => {
    const at = new Date(now.getTime() - c.hoursAgo * HOUR);
    const status = c.status ?? 'PUBLISHED';
    const row = await db.comment.create({
      data: {
        consultationId: consultation.id,
        parentId,
        authorName: c.author,
        fullNameConsent: c.author.split(' ').at(-1)!.length > 2 && !c.official,
        official: c.official ?? false,
        body: c.body,
        status,
        hiddenReason: c.hiddenReason ?? '',
        fragmentAnchor: c.fragment ?? null,
        createdAt: at,
        publishedAt: status === 'PENDING' ? null : at,
        ...(c.report ? { reports: { create: { reason: c.report, createdAt: new Date(at.getTime() + HOUR) } } } : {}),
      },
    });
    created++;
    for (const reply of c.replies ?? []) await create(reply, row.id);
  };
  for (const c of DEMO) await create(c, null);
  return created;
}
