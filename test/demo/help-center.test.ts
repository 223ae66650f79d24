// The emulator's Help Center: answers carry the keys of the 2.16 schemas and examples, list and search behave
// as the spec describes, errors are error.list.
import { describe, expect, it } from 'vitest';
import { IntercomEmulator } from '../../src/demo/emulator.js';
import { FORMER_AUTHOR_ID, HELP_CENTER_IDS } from '../../src/demo/help-center.js';
import { BASE, get, json } from './helpers.js';
import { exampleKeys, schemaProperties } from './spec-reader.js';

const fake = new IntercomEmulator();
const keys = (o: unknown): string[] => Object.keys(o as Record<string, unknown>).sort();
type Obj = Record<string, unknown>;

/** Every key is in the schema, and every schema key but the `optional` ones is there. */
function expectSchemaKeys(actual: unknown, schema: string, optional: readonly string[] = []): void {
  const schemaKeys = schemaProperties(schema);
  const own = keys(actual);
  expect(own.filter((k) => !schemaKeys.includes(k)), `${schema}: keys not in the spec`).toEqual([]);
  expect(schemaKeys.filter((k) => !optional.includes(k) && !own.includes(k)), `${schema}: spec keys missing`).toEqual([]);
}

describe('Help Center endpoints follow the 2.16 spec', () => {
  it('GET /help_center/help_centers is a help_center_list of help_center objects', async () => {
    const res = await get(fake, '/help_center/help_centers');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(keys(body)).toEqual(schemaProperties('help_center_list').sort());
    const centers = body.data as Obj[];
    expect(centers.map((c) => c.id)).toEqual([HELP_CENTER_IDS.main, HELP_CENTER_IDS.developers]);
    for (const hc of centers) expectSchemaKeys(hc, 'help_center');
    expect(centers[0]).toMatchObject({ display_name: 'Acme Help Center', url: 'https://help.acme.example', default: true, locales: ['en', 'fr', 'de'] });
  });

  it('GET /help_center/collections is a collection_list, newest first; sections have a parent and no help center', async () => {
    const body = await json(await get(fake, '/help_center/collections'));
    expect(keys(body)).toEqual(schemaProperties('collection_list').sort());
    const data = body.data as Obj[];
    expect(body.total_count).toBe(data.length);
    expect(body.pages).toEqual({ type: 'pages', page: 1, per_page: 20, total_pages: 1 });
    for (const c of data) expectSchemaKeys(c, 'collection', ['default_locale']);
    const updated = data.map((c) => c.updated_at as number);
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    const section = data.find((c) => c.id === '312')!;
    expect(section).toMatchObject({ parent_id: '302', help_center_id: null, default_locale: 'en' });
    expect(keys(section.translated_content)).toEqual(['de', 'en', 'fr', 'type']);
    expect(keys((section.translated_content as Obj).fr)).toEqual(schemaProperties('group_content').sort());
    const developers = data.find((c) => c.id === '304')!;
    expect(developers).toMatchObject({ help_center_id: 202, translated_content: null });
    expect(developers).not.toHaveProperty('default_locale');
  });

  it('GET /articles pages 25 at a time, most recently updated first, list items without statistics', async () => {
    const first = await json(await get(fake, '/articles'));
    expect(keys(first)).toEqual(schemaProperties('article_list').sort());
    expect(keys(first)).toEqual(exampleKeys('/articles', 'get', '200').sort());
    expect(first.total_count).toBe(30);
    expect(first.pages).toEqual({ type: 'pages', page: 1, per_page: 25, total_pages: 2 });
    const items = first.data as Obj[];
    expect(items).toHaveLength(25);
    for (const a of items) {
      expectSchemaKeys(a, 'article_list_item', ['default_locale']);
      expect(a).not.toHaveProperty('statistics');
    }
    const second = await json(await get(fake, '/articles?page=2&per_page=25'));
    expect((second.data as Obj[]).map((a) => a.id)).not.toContain(items[0]!.id);
    const all = [...items, ...(second.data as Obj[])];
    expect(new Set(all.map((a) => a.id)).size).toBe(30);
    const updated = all.map((a) => a.updated_at as number);
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    expect(new Set(all.map((a) => a.state))).toEqual(new Set(['published', 'draft']));
    const small = await json(await get(fake, '/articles?per_page=2&page=3'));
    expect(small.pages).toEqual({ type: 'pages', page: 3, per_page: 2, total_pages: 15 });
    expect(small.data).toHaveLength(2);
  });

  it('GET /articles/{id} is an article with statistics and translated content', async () => {
    const res = await get(fake, `/articles/${HELP_CENTER_IDS.articleTranslated}`);
    expect(res.status).toBe(200);
    const a = await json(res);
    expect(keys(a)).toEqual([...schemaProperties('article_list_item'), ...schemaProperties('article')].sort());
    for (const k of exampleKeys('/articles/{article_id}', 'get', '200')) expect(a).toHaveProperty(k);
    expectSchemaKeys(a.statistics, 'article_statistics');
    const translated = a.translated_content as Obj;
    expect(keys(translated)).toEqual(['de', 'en', 'fr', 'type']);
    expect(translated.type).toBe('article_translated_content');
    for (const locale of ['en', 'fr', 'de']) expectSchemaKeys(translated[locale], 'article_content');
    expect(translated.de).toMatchObject({ state: 'draft', url: null });
    expect((translated.fr as Obj).url).toBe('https://help.acme.example/fr/articles/8001-reinitialiser-votre-mot-de-passe');
    expect(a).toMatchObject({ id: '8001', type: 'article', state: 'published', parent_ids: [301, 311], default_locale: 'en', url: 'https://help.acme.example/en/articles/8001-reset-your-password' });
  });

  it('the sample articles cover drafts, staged changes, standalone, single-language, a former author and a long body', () => {
    const articles = fake.workspace.helpCenter.articles;
    const byId = (id: string) => articles.find((a) => a.id === id)!;
    expect(byId(HELP_CENTER_IDS.articleDraft)).toMatchObject({ state: 'draft', url: null });
    expect(byId(HELP_CENTER_IDS.articleStagedChanges)).toMatchObject({ state: 'published', has_unpublished_changes: true });
    expect(byId(HELP_CENTER_IDS.articleStandalone).parent_ids).toEqual([]);
    expect(byId('8011')).toMatchObject({ parent_ids: [304], translated_content: null });
    expect(byId('8011')).not.toHaveProperty('default_locale');
    expect(byId(HELP_CENTER_IDS.articleFormerAuthor).author_id).toBe(FORMER_AUTHOR_ID);
    expect(byId(HELP_CENTER_IDS.articleLong).body!.length).toBeGreaterThan(80_000);
    for (const a of articles) expect(a.id).toMatch(/^[0-9]+$/);
  });

  it('GET /articles/search: phrase, state and help center; highlights only when asked', async () => {
    const plain = await json(await get(fake, '/articles/search?phrase=refund&state=published'));
    expect(keys(plain)).toEqual(schemaProperties('article_search_response').sort());
    const data = plain.data as { articles: Obj[]; highlights: unknown[] };
    expect(data.articles.map((a) => a.id)).toEqual(['8002', '8008']);
    expect(data.highlights).toEqual([]);
    expect(plain.total_count).toBe(2);
    expect(plain.pages).toEqual({ type: 'pages', page: 1, total_pages: 1, per_page: 10 });

    const drafts = await json(await get(fake, '/articles/search?phrase=invoices&state=draft'));
    expect((drafts.data as { articles: Obj[] }).articles.map((a) => a.id)).toEqual(['8010']);
    const all = await json(await get(fake, '/articles/search?phrase=invoices&state=all'));
    expect(all.total_count).toBe(3);
    const developers = await json(await get(fake, '/articles/search?phrase=500&help_center_id=202'));
    expect((developers.data as { articles: Obj[] }).articles.map((a) => a.id)).toEqual(['8012']);
    const many = await json(await get(fake, '/articles/search?phrase=release'));
    expect(many.total_count).toBe(13);
    expect((many.data as { articles: Obj[] }).articles).toHaveLength(10);

    const lit = await json(await get(fake, '/articles/search?phrase=Refund&state=published&highlight=true'));
    const highlights = (lit.data as { highlights: Obj[] }).highlights;
    expect(highlights).toHaveLength(2);
    for (const h of highlights) expect(keys(h)).toEqual(schemaProperties('article_search_highlights').sort());
    expect(highlights[0]).toMatchObject({
      article_id: '8002',
      highlighted_title: [{ type: 'plain', text: 'Request a ' }, { type: 'highlight', text: 'refund' }],
    });
    const summary = highlights[1]!.highlighted_summary as Array<Array<{ type: string; text: string }>>;
    expect(summary.length).toBeGreaterThan(0);
    expect(summary.flat().some((c) => c.type === 'highlight' && /refund/i.test(c.text))).toBe(true);
    // Plain text as Intercom gives it: entities decoded, inline tags joining their words.
    const text = (highlights[0]!.highlighted_summary as Array<Array<{ text: string }>>).map((chunks) => chunks.map((c) => c.text).join('')).join(' ');
    expect(text).toContain('within 3\u20135 business days');
    expect(text).toContain('within 30 days.');
  });

  it('errors: an unknown article is a 404 error.list like the example; bad parameters are 400; no token is 401', async () => {
    const missing = await get(fake, `/articles/${HELP_CENTER_IDS.articleMissing}`);
    expect(missing.status).toBe(404);
    const body = await json(missing);
    expect(keys(body)).toEqual(exampleKeys('/articles/{article_id}', 'get', '404').sort());
    expect(body).toMatchObject({ type: 'error.list', errors: [{ code: 'not_found', message: 'Resource Not Found' }] });
    for (const path of ['/articles/search?state=archived', '/articles/search?help_center_id=abc', '/articles?page=0', '/articles?per_page=251']) {
      const res = await get(fake, path);
      expect(res.status, path).toBe(400);
      expect(await json(res)).toMatchObject({ type: 'error.list', errors: [{ code: 'parameter_invalid' }] });
    }
    const anonymous = await fake.handle(new Request(`${BASE}/articles`));
    expect(anonymous.status).toBe(401);
    expect(await json(anonymous)).toMatchObject({ errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] });
  });

  it('GET /admins is an admin_list with the fields of the example', async () => {
    const body = await json(await get(fake, '/admins'));
    expect(keys(body)).toEqual(schemaProperties('admin_list').sort());
    const admins = body.admins as Obj[];
    expect(admins.length).toBe(4);
    const exampleAdmin = ['away_mode_enabled', 'away_mode_reassign', 'email', 'has_inbox_seat', 'id', 'name', 'team_ids', 'type'];
    for (const a of admins) {
      // The example's fields, and (the directory's richer list) a job title where there is one.
      expect(keys(a).filter((k) => k !== 'job_title')).toEqual(exampleAdmin);
      expect(keys(a).filter((k) => !schemaProperties('admin').includes(k))).toEqual([]);
    }
    expect(admins[0]).toMatchObject({ type: 'admin', id: '991267459', name: 'Riley Ops' });
  });
});
