import { describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../../src/demo/workspace.js';
import {
  formatArticleDocument,
  highlightText,
  MAX_BODY_CHARS,
  projectArticle,
  summarizeArticle,
  summarizeArticleHits,
  type ArticleNames,
} from '../../src/format/article.js';
import { parseArticleRef } from '../../src/intercom/article-ids.js';
import { KIND_IDENTITY } from '../../src/intercom/record-kinds.js';
const ARTICLE_IDENTITY = KIND_IDENTITY.article;
import { InvalidIdError } from '../../src/intercom/ids.js';
import type { Article, ArticleSearchResponse } from '../../src/intercom/types.js';
import examples from '../fixtures/format/article-spec-examples.json' with { type: 'json' };
import { expectNoEmpty } from './no-empty.js';

const ws = sampleWorkspace();
const article = (id: string): Article => ws.helpCenter.articles.find((a) => a.id === id)! as Article;
const names: ArticleNames = {
  admin: (id) => ws.admins.find((a) => a.id === id)?.name,
  collection: (id) => {
    const c = ws.helpCenter.collections.find((x) => x.id === id);
    return c && { name: c.name, ...(c.parent_id ? { parentId: c.parent_id } : {}), ...(c.help_center_id !== null ? { helpCenterId: String(c.help_center_id) } : {}) };
  },
  helpCenter: (id) => {
    const hc = ws.helpCenter.helpCenters.find((x) => x.id === id);
    return hc && { name: hc.display_name, url: hc.url };
  },
};

describe('the spec\'s own examples', () => {
  it('GET /articles/{id}: an empty body and description leave no empty fields; ISO dates; the author as an id when no name is known', () => {
    const view = projectArticle(examples.retrieve as Article);
    expect(view).toEqual({
      id: '45',
      title: 'This is the article title',
      state: 'published',
      url: 'http://help-center.test/myapp-74/en/articles/45-this-is-the-article-title',
      author_id: '991267502',
      created_at: '2024-12-18T15:54:52Z',
      updated_at: '2024-12-18T15:54:52Z',
      statistics: { views: 0, reactions: 0 },
    });
    expectNoEmpty(view);
  });

  it('POST/PUT answers: HTML bodies become text', () => {
    expect(projectArticle(examples.created as Article).body).toBe('Body of the Article');
    expect(projectArticle(examples.updated as Article)).toMatchObject({ body: 'New gifts in store for the jolly season', updated_at: '2024-12-18T15:54:58Z' });
  });

  it('GET /articles: one line per article with the Help Center URL', () => {
    expect(summarizeArticle(examples.list.data[0] as Article)).toEqual({
      id: 'article_39',
      title: 'This is the article title',
      text: 'published | updated 2024-12-18',
      url: 'http://help-center.test/myapp-64/en/articles/39-this-is-the-article-title',
    });
  });

  it('GET /articles/search: a draft has no URL, and an empty highlights list is no snippet', () => {
    const search = examples.search as ArticleSearchResponse;
    expect(summarizeArticleHits(search.data?.articles, search.data?.highlights)).toEqual([
      { id: 'article_55', title: 'Title 1', text: 'draft | updated 2024-12-18' },
    ]);
  });

  it('article_search_highlights: chunks become plain text, matched words kept in their sentence', () => {
    expect(highlightText(examples.highlights.highlighted_title)).toBe('The highlight is my query');
    const hit = summarizeArticleHits([{ ...(examples.retrieve as Article), id: '123' }], [examples.highlights])[0]!;
    expect(hit.text).toBe('published | updated 2024-12-18 | How to highlight my query…');
  });

  it('the fetch document of the example: the facts as lines, metadata without nulls', () => {
    const doc = formatArticleDocument(examples.created as Article);
    expect(doc).toEqual({
      id: 'article_42',
      title: 'Thanks for everything',
      text: 'Description of the Article\nState: published\nAuthor: admin 991267497\nUpdated: 2024-12-18T15:54:48Z\n\nBody of the Article',
      url: 'http://help-center.test/myapp-68/en/articles/42-thanks-for-everything',
      metadata: { state: 'published', author_id: '991267497', created_at: '2024-12-18T15:54:48Z', updated_at: '2024-12-18T15:54:48Z', statistics: { views: 0, reactions: 0 } },
    });
  });
});

describe('projectArticle on the demo Help Center', () => {
  it('names the author, the collection path and the help center; lists the translations; keeps links in the body', () => {
    const view = projectArticle(article('8001'), names);
    expect(view).toMatchObject({
      id: '8001',
      title: 'Reset your password',
      description: 'Locked out? Get back into your account in two minutes.',
      state: 'published',
      url: 'https://help.acme.example/en/articles/8001-reset-your-password',
      author: 'Sam Support',
      author_id: '991267460',
      collection: 'Getting started > Account setup',
      collection_ids: ['301', '311'],
      help_center: 'Acme Help Center',
      help_center_id: '201',
      default_locale: 'en',
      tags: ['onboarding'],
      translations: [
        { locale: 'fr', title: 'Réinitialiser votre mot de passe', state: 'published', url: 'https://help.acme.example/fr/articles/8001-reinitialiser-votre-mot-de-passe' },
        { locale: 'de', title: 'Passwort zurücksetzen', state: 'draft' },
      ],
    });
    expect(view.translations![0]!.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(view.body).toBe(
      'If you forgot your password, you can reset it from the sign-in page.\n' +
        '1. Go to the sign-in page (https://app.acme.example/login).\n' +
        '2. Click Forgot password?\n' +
        '3. Follow the link we email you (it expires after 1 hour).\n' +
        'Still stuck? Contact us (https://help.acme.example/en/articles/8015-welcome-to-acme).',
    );
    expectNoEmpty(view);
  });

  it('a section named by its innermost id only is climbed to its collection', () => {
    expect(projectArticle({ ...article('8002'), parent_ids: [312] }, names).collection).toBe('Billing & payments > Refunds');
  });

  it('unknown names stay ids; a draft has no URL; staged changes are said', () => {
    expect(projectArticle(article('8013'), names)).toMatchObject({ author_id: '991267499', collection: 'Webhooks', help_center: 'Acme Developer Docs' });
    expect(projectArticle(article('8013'), names)).not.toHaveProperty('author');
    expect(projectArticle(article('8007'), names)).not.toHaveProperty('url');
    expect(projectArticle(article('8008'), names)).toMatchObject({ state: 'published', has_unpublished_changes: true });
    expect(summarizeArticle(article('8008'), names).text).toMatch(/^published \(unpublished changes\) \| Billing & payments > Refunds \| Alex Billing \| updated /);
    expect(projectArticle(article('8002'), NO_NAMES_FOR_TEST)).toMatchObject({ collection_ids: ['302', '312'] });
    expect(projectArticle(article('8002'), NO_NAMES_FOR_TEST)).not.toHaveProperty('collection');
  });

  it('untrusted text: invisible and bidi characters go, the injected link stays a visible URL', () => {
    const view = projectArticle(article('8016'), names);
    expect(view.body).not.toMatch(/[\u00AD\u200B\uFEFF\u202E\u202C]/);
    expect(view.body).toContain('password by email.');
    expect(view.body).toContain('this link (https://evil.example.org/collect)');
  });

  it('a very long body is cut, and the note says where the whole article is', () => {
    const view = projectArticle(article('8017'), names);
    expect(view.body!.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(view.note).toMatch(/^The body was cut at 40,000 of [\d,]+ characters; the whole article is at https:\/\/help\.acme\.example\/en\/articles\/8017-keyboard-shortcuts\.$/);
  });

  it('garbage in: no crash, no nulls, no javascript: URLs', () => {
    const junk = { id: 7, title: null, body: 42, url: 'javascript:alert(1)', translated_content: { type: 'x', fr: null, '../x': { title: 'no' }, es: { title: '<b>Hola</b>', url: 'ftp://x' } }, parent_ids: 'x', tags: { tags: [null, { name: '' }] }, statistics: 'lots' } as unknown as Article;
    const view = projectArticle(junk, names);
    expect(view).toEqual({ id: '7', title: 'Article 7', translations: [{ locale: 'es', title: 'Hola' }] });
    expectNoEmpty(formatArticleDocument(junk, names).metadata);
  });
});

const NO_NAMES_FOR_TEST: ArticleNames = { admin: () => undefined, collection: () => undefined, helpCenter: () => undefined };

describe('search hits', () => {
  it('each hit gets the snippet Intercom highlighted for it, as plain text', () => {
    const hits = summarizeArticleHits(
      [article('8002'), article('8008')],
      [
        { article_id: '8008', highlighted_summary: [[{ type: 'plain', text: 'we ' }, { type: 'highlight', text: 'refund' }, { type: 'plain', text: ' the difference' }]] },
        { article_id: '8002', highlighted_summary: [[{ type: 'highlight', text: 'Refunds' }, { type: 'plain', text: ' for duplicate charges' }], [{ type: 'plain', text: 'We <b>refund</b> duplicate&nbsp;charges' }]] },
      ],
      names,
    );
    expect(hits.map((h) => h.id)).toEqual(['article_8002', 'article_8008']);
    expect(hits[0]!.text).toMatch(/ \| Refunds for duplicate charges … We refund duplicate charges…$/);
    expect(hits[1]!.text).toMatch(/ \| …we refund the difference…$/);
  });
});

describe('article ids', () => {
  it.each([
    ['8001', '8001'],
    [' article_8001 ', '8001'],
    ['https://help.acme.example/en/articles/8001-reset-your-password', '8001'],
    ['https://intercom.help/acme-developers/en/articles/8011-authenticating-api-requests?utm=x#top', '8011'],
    ['help.example.com/en/articles/123-title', '123'],
    ['https://help.example.com/articles/123', '123'],
    ['https://app.intercom.com/a/apps/abc12345/articles/articles/8001/show', '8001'],
    ['https://app.eu.intercom.com/a/apps/abc12345/articles/articles/8001/show', '8001'],
  ])('%s -> %s', (input, id) => {
    expect(parseArticleRef(input)).toBe(id);
  });

  it.each([
    ['', /An article id is required/],
    ['abc', /article ids have only digits/],
    ['article_', /article id is empty/],
    ['conversation_1060', /That is a conversation id, not an article id/],
    ['../../me', /article ids have only digits/],
    ['8001/../../me', /article ids have only digits/],
    ['9'.repeat(30), /too long/],
    ['https://help.example.com/en/collections/301-getting-started', /does not point at an article/],
    ['https://user:pass@help.example.com/en/articles/1-x', /Only http\(s\)/],
    ['javascript:alert(1)', /Only http\(s\)/],
    ['file:///etc/articles/1', /Only http\(s\)/],
  ])('%j is refused: %s, with the forms that work', (input, message) => {
    expect(() => parseArticleRef(input)).toThrow(InvalidIdError);
    expect(() => parseArticleRef(input)).toThrow(message);
    expect(() => parseArticleRef(input)).toThrow(/Help Center URL/);
  });

  it('the identity for the registry: prefix, numeric ids, the web-app path', () => {
    expect(ARTICLE_IDENTITY).toMatchObject({ prefix: 'article_', objectType: 'articles', idRule: 'only digits' });
    expect(ARTICLE_IDENTITY.idSyntax.test('8001')).toBe(true);
    expect(ARTICLE_IDENTITY.idSyntax.test('80a1')).toBe(false);
    expect(ARTICLE_IDENTITY.appPath('abc12345', '8001')).toBe('apps/abc12345/articles/articles/8001/show');
  });
});
