// Managing uploaded files: describing, reordering with up/down buttons, replacing in place, deleting
// after a confirmation; each change audit-logged, and the disk always matching the database.
import { describe, expect, it } from 'vitest';
import { listUploads, useTestApp } from '../helpers/app.js';
import { createConsultation, createUser } from '../helpers/factories.js';
import { image, pdf, samplesOfEachType } from '../helpers/files.js';
import { fieldError, html, loginAs, submitForm } from '../helpers/http.js';
import { download, uploadFiles } from '../helpers/uploads.js';

const ctx = useTestApp();

async function withDocuments(names: string[]) {
  const consultation = await createConsultation(ctx.deps.db);
  const user = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: consultation.departmentId });
  const agent = await loginAs(ctx.app, user.email);
  const page = `/panel/konsultacje/${consultation.id}/dokumenty`;
  if (names.length > 0) {
    const res = await uploadFiles(agent, page, `${page}/pliki`, names.map((name) => ({ name, content: pdf(name) })));
    expect(res.status).toBe(303);
  }
  const files = await ctx.deps.db.attachment.findMany({ orderBy: { id: 'asc' } });
  return { consultation, user, agent, page, files };
}

const listedNames = async (agent: Awaited<ReturnType<typeof loginAs>>, page: string) => {
  const $ = html((await agent.get(page).expect(200)).text);
  return $('.attachments-table__name').map((_, a) => $(a).text()).get();
};

const storedFiles = () => listUploads(ctx.uploadsDir);

describe('describing a document', () => {
  it('shows the edit form filled in, saves a new display name and description, and lists them', async () => {
    const { agent, page, files, user } = await withDocuments(['Harmonogram działań.pdf']);
    const edit = `${page}/${files[0]!.id}/edycja`;
    const $ = html((await agent.get(edit).expect(200)).text);
    expect($('h1').text()).toBe('Edytuj dokument');
    expect($('#title').val()).toBe('Harmonogram działań');
    expect($('#title-hint').text()).toContain('Harmonogram działań.pdf');
    const res = await submitForm(agent, edit, `${page}/${files[0]!.id}`, { title: 'Harmonogram konsultacji', description: 'Terminy spotkań i dyżurów.' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(page);
    const list = html((await agent.get(page)).text);
    expect(list('.notice').text()).toContain('Zapisano zmiany.');
    expect(list('tbody tr td:nth-child(4)').text()).toBe('Terminy spotkań i dyżurów.');
    expect(await listedNames(agent, page)).toEqual(['Harmonogram konsultacji']);
    // The download keeps the original name.
    expect((await ctx.deps.db.attachment.findFirstOrThrow()).originalName).toBe('Harmonogram działań.pdf');
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'attachment.update', userId: user.id } })).toBe(1);
  });

  it('asks for a display name when it is blank and keeps the description typed', async () => {
    const { agent, page, files } = await withDocuments(['a.pdf']);
    const edit = `${page}/${files[0]!.id}/edycja`;
    const res = await submitForm(agent, edit, `${page}/${files[0]!.id}`, { title: '  ', description: 'Opis roboczy' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'title')).toContain('Podaj nazwę wyświetlaną');
    expect(html(res.text)('#description').text()).toBe('Opis roboczy');
  });

  it('requires alternative text when editing a photo', async () => {
    const { agent, consultation } = await withDocuments([]);
    const gallery = `/panel/konsultacje/${consultation.id}/galeria`;
    expect((await uploadFiles(agent, gallery, `${gallery}/pliki`, [{ field: 'file', name: 'plac.png', content: await image('png') }], { altText: 'Plac' })).status).toBe(303);
    const photo = await ctx.deps.db.attachment.findFirstOrThrow();
    const res = await submitForm(agent, `${gallery}/${photo.id}/edycja`, `${gallery}/${photo.id}`, { altText: '', title: 'Plac Biegańskiego' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'altText')).toContain('Podaj tekst alternatywny');
    const ok = await submitForm(agent, `${gallery}/${photo.id}/edycja`, `${gallery}/${photo.id}`, { altText: 'Plac Biegańskiego zimą', title: 'Plac' });
    expect(ok.status).toBe(303);
    expect(await ctx.deps.db.attachment.findFirstOrThrow()).toMatchObject({ altText: 'Plac Biegańskiego zimą', title: 'Plac' });
  });
});

describe('reordering', () => {
  it('moves a document up and down with plain form buttons, offering no move past either end', async () => {
    const { agent, page, files, user } = await withDocuments(['pierwszy.pdf', 'drugi.pdf', 'trzeci.pdf']);
    const $ = html((await agent.get(page)).text);
    const buttons = $('tbody tr').map((_, tr) => [$(tr).find('button').map((__, b) => $(b).attr('value')).get()]).get() as string[][];
    expect(buttons).toEqual([['down'], ['up', 'down'], ['up']]);
    expect($('tbody tr').first().find('button').text()).toBe('W dół (pierwszy)');

    const third = files[2]!;
    const res = await submitForm(agent, page, `${page}/${third.id}/przesun`, { direction: 'up' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${page}#plik-${third.id}`);
    expect(await listedNames(agent, page)).toEqual(['pierwszy', 'trzeci', 'drugi']);
    await submitForm(agent, page, `${page}/${third.id}/przesun`, { direction: 'up' });
    expect(await listedNames(agent, page)).toEqual(['trzeci', 'pierwszy', 'drugi']);
    // At the top, "up" changes nothing (a stale page may still send it) and is not logged.
    await submitForm(agent, page, `${page}/${third.id}/przesun`, { direction: 'up' });
    await submitForm(agent, page, `${page}/${files[0]!.id}/przesun`, { direction: 'down' });
    expect(await listedNames(agent, page)).toEqual(['trzeci', 'drugi', 'pierwszy']);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'attachment.move', userId: user.id } })).toBe(3);
  });

  it('refuses an unknown direction with 400', async () => {
    const { agent, page, files } = await withDocuments(['a.pdf', 'b.pdf']);
    expect((await submitForm(agent, page, `${page}/${files[0]!.id}/przesun`, { direction: 'sideways' })).status).toBe(400);
  });
});

describe('replacing a file', () => {
  it('keeps the row and its URL, serves the new content, and removes the old file from disk', async () => {
    const { agent, page, files, user } = await withDocuments(['Wyniki ankiety.pdf']);
    const before = files[0]!;
    const xlsx = (await samplesOfEachType()).find((s) => s.format === 'XLSX')!;
    const edit = `${page}/${before.id}/edycja`;
    const res = await uploadFiles(agent, edit, `${page}/${before.id}/pliki`, [{ field: 'file', name: 'Wyniki ankiety – poprawione.xlsx', content: xlsx.content }]);
    expect(res.status).toBe(303);
    const after = await ctx.deps.db.attachment.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({ originalName: 'Wyniki ankiety – poprawione.xlsx', extension: 'xlsx', mimeType: xlsx.contentType, title: before.title });
    expect(after.storedName).not.toBe(before.storedName);
    expect(storedFiles()).toEqual([`files/${after.storedName}`]);
    expect(html((await agent.get(page)).text)('.notice').text()).toContain('Zastąpiono plik. Nowy plik: „Wyniki ankiety – poprawione.xlsx”.');
    const got = await download(agent, `/pliki/${before.id}/plik`).expect(200);
    expect(Buffer.compare(got.body, xlsx.content)).toBe(0);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'attachment.replace', userId: user.id } })).toBe(1);
  });

  it('leaves the old file and row untouched when the new file is refused, showing why on the edit page', async () => {
    const { agent, page, files } = await withDocuments(['Regulamin.pdf']);
    const before = files[0]!;
    const edit = `${page}/${before.id}/edycja`;
    const res = await uploadFiles(agent, edit, `${page}/${before.id}/pliki`, [{ field: 'file', name: 'Regulamin.pdf', content: Buffer.from('<html></html>') }]);
    expect(res.status).toBe(422);
    expect(html(res.text)('h1').text()).toBe('Edytuj dokument');
    expect(fieldError(res.text, 'file')).toContain('Plik „Regulamin.pdf” nie jest plikiem PDF');
    expect(await ctx.deps.db.attachment.findUniqueOrThrow({ where: { id: before.id } })).toEqual(before);
    expect(storedFiles()).toEqual([`files/${before.storedName}`]);
  });

  it('replaces a photo with a new thumbnail and size, and removes both old files', async () => {
    const { agent, consultation } = await withDocuments([]);
    const gallery = `/panel/konsultacje/${consultation.id}/galeria`;
    await uploadFiles(agent, gallery, `${gallery}/pliki`, [{ field: 'file', name: 'stare.png', content: await image('png', 300, 200) }], { altText: 'Stary widok' });
    const before = await ctx.deps.db.attachment.findFirstOrThrow();
    const res = await uploadFiles(agent, `${gallery}/${before.id}/edycja`, `${gallery}/${before.id}/pliki`, [{ field: 'file', name: 'nowe.webp', content: await image('webp', 1000, 500) }]);
    expect(res.status).toBe(303);
    const after = await ctx.deps.db.attachment.findFirstOrThrow();
    expect(after).toMatchObject({ originalName: 'nowe.webp', width: 1000, height: 500, altText: 'Stary widok', mimeType: 'image/webp' });
    expect(storedFiles()).toEqual([`files/${after.storedName}`, `files/${after.thumbnailName}`].sort());
  });
});

describe('deleting a file', () => {
  it('asks first, then deletes the row and the file, and says so', async () => {
    const { agent, page, files, user } = await withDocuments(['Do usunięcia.pdf', 'Zostaje.pdf']);
    const target = files[0]!;
    const confirm = await agent.get(`${page}/${target.id}/usun`).expect(200);
    const $ = html(confirm.text);
    expect($('h1').text()).toBe('Usunąć plik „Do usunięcia.pdf”?');
    expect($(`form[action="${page}/${target.id}/usun"] button`).text()).toBe('Tak, usuń plik');
    expect($('a', 'form').last().attr('href')).toBe(page);
    expect(await ctx.deps.db.attachment.count()).toBe(2);

    const res = await submitForm(agent, `${page}/${target.id}/usun`, `${page}/${target.id}/usun`, {});
    expect(res.status).toBe(303);
    expect(await listedNames(agent, page)).toEqual(['Zostaje']);
    expect(storedFiles()).toEqual([`files/${files[1]!.storedName}`]);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'attachment.delete', userId: user.id } })).toBe(1);
    const entry = await ctx.deps.db.auditLog.findFirstOrThrow({ where: { action: 'attachment.delete' } });
    expect(entry.details).toMatchObject({ name: 'Do usunięcia.pdf', kind: 'DOCUMENT' });
    expect(entry.ip).toBeTruthy();
    await download(agent, `/pliki/${target.id}/x.pdf`).expect(404);
  });

  it('deletes a photo with its thumbnail', async () => {
    const { agent, consultation } = await withDocuments([]);
    const gallery = `/panel/konsultacje/${consultation.id}/galeria`;
    await uploadFiles(agent, gallery, `${gallery}/pliki`, [{ field: 'file', name: 'a.jpg', content: await image('jpeg') }], { altText: 'Opis' });
    const photo = await ctx.deps.db.attachment.findFirstOrThrow();
    expect(storedFiles()).toHaveLength(2);
    await submitForm(agent, `${gallery}/${photo.id}/usun`, `${gallery}/${photo.id}/usun`, {});
    expect(storedFiles()).toEqual([]);
  });
});

describe('addresses of files', () => {
  it('answers 404 for a file of another consultation, of the other list, or one that does not exist', async () => {
    const { agent, page, files, consultation, user } = await withDocuments(['a.pdf']);
    const other = await createConsultation(ctx.deps.db, { departmentId: user.departmentId! });
    const file = files[0]!;
    await agent.get(`/panel/konsultacje/${other.id}/dokumenty/${file.id}/edycja`).expect(404);
    await agent.get(`/panel/konsultacje/${consultation.id}/galeria/${file.id}/edycja`).expect(404);
    await agent.get(`${page}/999999/edycja`).expect(404);
    for (const bad of ['abc', '0', '-1', '1e3', '01', '99999999999']) await agent.get(`${page}/${bad}/edycja`).expect(404);
    await agent.get('/panel/konsultacje/abc/dokumenty').expect(404);
  });
});
