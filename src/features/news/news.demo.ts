// Demo data of district councils: every council's details, news in several districts (with a photo and a
// PDF stored through the attachments service), and a few events, dated around `now`. Idempotent.
import fs from 'node:fs/promises';
import type { Db } from '../../db/client.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { drawing, pdf } from '../attachments/attachments.demo.js';
import { addAttachments } from '../attachments/attachments.service.js';
import type { FileStorage } from '../attachments/storage.js';

const DAY = 86_400_000;
const MEMBERS = ['Anna Nowak', 'Piotr Kowalski', 'Katarzyna Wiśniewska', 'Tomasz Wójcik', 'Magdalena Kamińska', 'Jan Lewandowski', 'Ewa Zielińska'];

const NEWS = [
  { slug: 'dyzury-radnych-rady-dzielnicy-tysiaclecie', district: 'tysiaclecie', days: -2, title: 'Dyżury radnych Rady Dzielnicy Tysiąclecie', lead: 'Radni czekają na mieszkańców w każdy wtorek w siedzibie rady.', body: 'Zapraszamy na **dyżury radnych** w każdy wtorek w godz. 17:00–18:00.\n\n- sprawy zieleni i parkingów,\n- zgłoszenia do budżetu obywatelskiego,\n- wnioski do Rady Miasta.' },
  { slug: 'zaproszenie-na-sesje-rady-dzielnicy-bleszno', district: 'bleszno', days: -1, title: 'Zaproszenie na sesję Rady Dzielnicy Błeszno', lead: 'Sesja otwarta dla mieszkańców; porządek obrad w załączniku.', body: 'Przewodniczący zarządu zaprasza na sesję rady. Porządek obrad znajdziesz w załączniku.' },
  { slug: 'prace-drogowe-w-kiedrzynie', district: 'kiedrzyn', days: -4, title: 'Prace drogowe w Kiedrzynie', lead: 'Remont chodnika i nowe przejście dla pieszych przy szkole.', body: 'Od poniedziałku trwa remont chodnika. Przejście przy szkole będzie zamknięte przez dwa tygodnie; objazd jest oznakowany.' },
  { slug: 'spotkanie-o-zieleni-na-rakowie', district: 'rakow', days: -7, title: 'Spotkanie o zieleni na Rakowie', lead: 'Porozmawiajmy o nowych nasadzeniach drzew.', body: 'Rada Dzielnicy Raków zaprasza na spotkanie o nowych nasadzeniach.' },
] as const;

export async function seedDemoDistricts(db: Db, now: Date, storage?: FileStorage): Promise<void> {
  const districts = await db.district.findMany({ select: { id: true, slug: true, name: true, councilChair: true } });
  for (const [i, d] of districts.entries()) {
    if (d.councilChair) continue;
    const members = MEMBERS.map((_, k) => MEMBERS[(i + k) % MEMBERS.length]!);
    await db.district.update({
      where: { id: d.id },
      data: {
        councilChair: members[0]!,
        councilMembers: members.slice(1).join('\n'),
        councilSeat: `Siedziba Rady Dzielnicy ${d.name}, Częstochowa`,
        councilHours: `Wtorki 17:00–18:00, siedziba rady\nPierwsza sobota miesiąca 10:00–11:00`,
        councilEmail: `rada.${d.slug}@example.org`,
        councilPhone: '34 000 00 00',
        councilUpdatedAt: now,
      },
    });
  }
  const bySlug = new Map(districts.map((d) => [d.slug, d]));
  for (const n of NEWS) {
    const district = bySlug.get(n.district);
    if (!district || (await db.news.findUnique({ where: { slug: n.slug }, select: { id: true } }))) continue;
    const created = await db.news.create({ data: { slug: n.slug, title: n.title, lead: n.lead, bodyMd: n.body, bodyHtml: renderMarkdown(n.body), districtId: district.id, publishedAt: new Date(now.getTime() + n.days * DAY) } });
    if (!storage) continue;
    const acting = { userId: null, ip: undefined };
    // As multer would leave them: in tmp/ under random names; the service takes them from there.
    const received = async (name: string, content: Buffer) => {
      const path = storage.tmpPath();
      await fs.writeFile(path, content);
      return { path, originalName: name, size: content.length };
    };
    if (n.district === 'kiedrzyn') {
      const photo = await received('chodnik.jpg', await drawing('<rect x="0" y="600" width="1200" height="80" fill="#888"/><rect x="500" y="560" width="60" height="120" fill="#f28c28"/>'));
      await addAttachments({ db, storage }, acting, { newsId: created.id }, 'IMAGE', [photo], 'file', { altText: 'Remontowany chodnik z pomarańczowym pachołkiem przy przejściu dla pieszych', title: 'Remont chodnika', description: '' });
    }
    if (n.district === 'bleszno') {
      const agenda = await received('Porządek obrad.pdf', pdf(['Porządek obrad', 'Sesja Rady Dzielnicy Błeszno', '1. Otwarcie sesji', '2. Sprawy mieszkańców', '3. Wolne wnioski']));
      await addAttachments({ db, storage }, acting, { newsId: created.id }, 'DOCUMENT', [agenda], 'files');
    }
  }
  if ((await db.districtEvent.count()) > 0) return;
  const at = (days: number, hour: number) => new Date(Math.floor(now.getTime() / DAY) * DAY + days * DAY + (hour - 1) * 3_600_000);
  const events = [
    { district: 'tysiaclecie', kind: 'OFFICE_HOURS' as const, title: 'Dyżur radnych', days: 3, hour: 17 },
    { district: 'bleszno', kind: 'MEETING' as const, title: 'Sesja Rady Dzielnicy Błeszno', days: 8, hour: 18 },
    { district: 'kiedrzyn', kind: 'MEETING' as const, title: 'Sesja Rady Dzielnicy Kiedrzyn', days: 12, hour: 18 },
  ];
  for (const e of events) {
    const district = bySlug.get(e.district);
    if (district) await db.districtEvent.create({ data: { districtId: district.id, kind: e.kind, title: e.title, startsAt: at(e.days, e.hour), endsAt: at(e.days, e.hour + 1), place: `Siedziba Rady Dzielnicy ${district.name}` } });
  }
}
