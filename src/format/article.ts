// Help Center articles for the assistant: a structured projection (body as readable text, links kept), a
// one-line summary for lists and search hits (with Intercom's highlighted snippets as plain text) and an
// OpenAI-style fetch document. Authors, collections and help centers arrive as ids; `ArticleNames` turns
// them into names where the caller knows them, and nothing is invented where it does not.
import { articleId } from '../intercom/article-ids.js';
import type { Article, ArticleContent, ArticleSearchHighlights, HighlightChunk } from '../intercom/types.js';
import { clip, idOf, line } from './common.js';
import { compact } from './compact.js';
import { isoDate } from './dates.js';
import { cleanText, htmlToText, plainLine } from './html-to-text.js';
import type { FetchDocument, SearchResult } from './types.js';

/** What is known about the workspace's people and Help Center structure, by id. Every lookup may miss. */
export interface ArticleNames {
  admin(id: string): string | undefined;
  /** A collection, or a section (`parentId` set). */
  collection(id: string): { name?: string; parentId?: string; helpCenterId?: string } | undefined;
  helpCenter(id: string): { name?: string; url?: string } | undefined;
}

export const NO_ARTICLE_NAMES: ArticleNames = Object.freeze({
  admin: () => undefined,
  collection: () => undefined,
  helpCenter: () => undefined,
});

export interface TranslationView {
  locale: string;
  title?: string;
  state?: string;
  url?: string;
  updated_at?: string;
}

export interface ArticleView {
  id: string;
  title: string;
  description?: string;
  state?: string;
  /** Only when true: a published article with edits staged as a draft. */
  has_unpublished_changes?: boolean;
  /** Its page on the Help Center (none for a draft). */
  url?: string;
  author?: string;
  author_id?: string;
  /** "Collection > Section", outermost first. */
  collection?: string;
  collection_ids?: string[];
  help_center?: string;
  help_center_id?: string;
  created_at?: string;
  updated_at?: string;
  draft_updated_at?: string;
  default_locale?: string;
  translations?: TranslationView[];
  tags?: string[];
  statistics?: { views?: number; conversions?: number; reactions?: number; happy_percent?: number; neutral_percent?: number; sad_percent?: number };
  body?: string;
  /** Set when the body was cut: how much there is, and where to read all of it. */
  note?: string;
}

// An article is read whole; a manual of a hundred pages is cut here, well under what a result may carry.
export const MAX_BODY_CHARS = 40_000;
const SUMMARY_CHARS = 140;
const SNIPPET_CHARS = 240;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;

/** An http(s) URL from Intercom, cleaned; anything else (javascript:, junk) is dropped. */
function urlOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const url = cleanText(value).trim();
  return /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

function titleOf(a: Article): string {
  const id = idOf(a.id);
  return line(a.title) ?? (id ? `Article ${id}` : 'Article');
}

/** The article's collections, outermost first: its `parent_ids`, or the parent chain of its innermost one. */
function collectionPath(a: Article, names: ArticleNames): { ids: string[]; path?: string; helpCenterId?: string } {
  const ids = Array.isArray(a.parent_ids) ? a.parent_ids.map(idOf).filter((x): x is string => x !== undefined) : [];
  let chain = ids;
  if (chain.length === 1) {
    // Some answers list only the innermost parent: climb the sections to the collection.
    const climbed: string[] = [];
    for (let id: string | undefined = chain[0], depth = 0; id !== undefined && depth < 5 && !climbed.includes(id); depth++) {
      climbed.unshift(id);
      id = names.collection(id)?.parentId;
    }
    chain = climbed;
  }
  const labels = chain.map((id) => line(names.collection(id)?.name));
  const known = labels.every((l) => l !== undefined) && labels.length > 0;
  const top = chain[0] !== undefined ? names.collection(chain[0]) : undefined;
  return { ids, ...(known ? { path: labels.join(' > ') } : {}), ...(top?.helpCenterId ? { helpCenterId: top.helpCenterId } : {}) };
}

function translationsOf(a: Article): TranslationView[] {
  const content = a.translated_content;
  if (!content || typeof content !== 'object' || Array.isArray(content)) return [];
  const defaultLocale = line(a.default_locale);
  const out: TranslationView[] = [];
  for (const [locale, value] of Object.entries(content)) {
    if (locale === 'type' || locale === defaultLocale || !LOCALE.test(locale) || !value || typeof value !== 'object') continue;
    const c = value as ArticleContent;
    out.push(compact({ locale, title: line(c.title), state: line(c.state), url: urlOf(c.url), updated_at: isoDate(c.updated_at) }));
  }
  return out;
}

function tagsOf(a: Article): string[] {
  const tags = a.tags?.tags;
  if (!Array.isArray(tags)) return [];
  return tags.map((t) => (t && typeof t === 'object' ? line(t.name) : undefined)).filter((t): t is string => t !== undefined);
}

const percent = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 10) / 10 : undefined);
const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);

/** The whole article as structured, compact data: names where known, the body as text with its links. */
export function projectArticle(a: Article, names: ArticleNames = NO_ARTICLE_NAMES): ArticleView {
  const id = idOf(a.id) ?? '';
  const authorId = idOf(a.author_id);
  const { ids, path, helpCenterId } = collectionPath(a, names);
  const helpCenter = helpCenterId ? names.helpCenter(helpCenterId) : undefined;
  const fullBody = typeof a.body === 'string' ? htmlToText(a.body) : '';
  const body = fullBody.length > MAX_BODY_CHARS ? clip(fullBody, MAX_BODY_CHARS) : fullBody;
  const url = urlOf(a.url);
  const stats = a.statistics;
  const view = compact<Omit<ArticleView, 'id' | 'title'>>({
    description: line(a.description),
    state: line(a.state),
    has_unpublished_changes: a.has_unpublished_changes === true ? true : undefined,
    url,
    author: authorId ? names.admin(authorId) : undefined,
    author_id: authorId,
    collection: path,
    collection_ids: ids,
    help_center: line(helpCenter?.name),
    help_center_id: helpCenterId,
    created_at: isoDate(a.created_at),
    updated_at: isoDate(a.updated_at),
    draft_updated_at: isoDate(a.draft_updated_at),
    default_locale: line(a.default_locale),
    translations: translationsOf(a),
    tags: tagsOf(a),
    statistics:
      stats && typeof stats === 'object'
        ? {
            views: count(stats.views),
            conversions: count(stats.conversions),
            reactions: count(stats.reactions),
            ...(count(stats.reactions) ? { happy_percent: percent(stats.happy_reaction_percentage), neutral_percent: percent(stats.neutral_reaction_percentage), sad_percent: percent(stats.sad_reaction_percentage) } : {}),
          }
        : undefined,
    body,
    note:
      body.length < fullBody.length
        ? `The body was cut at ${MAX_BODY_CHARS.toLocaleString('en-US')} of ${fullBody.length.toLocaleString('en-US')} characters${url ? `; the whole article is at ${url}` : ''}.`
        : undefined,
  });
  return { id, title: titleOf(a), ...view };
}

/** The line of a summary: state, collection, author, last update, then as much of `detail` as fits. */
function summaryText(view: ArticleView, detail: string | undefined, detailChars: number): string {
  const updated = view.updated_at ? `updated ${view.updated_at.slice(0, 10)}` : undefined;
  const state = view.has_unpublished_changes ? `${view.state ?? 'published'} (unpublished changes)` : view.state;
  return [state, view.collection ?? view.help_center, view.author, updated, detail ? clip(detail, detailChars) : undefined]
    .filter((b): b is string => b !== undefined && b !== '')
    .join(' | ');
}

/** One list or search line: id `article_<id>`, the title, ONE line of what matters, the Help Center URL. */
export function summarizeArticle(a: Article, names: ArticleNames = NO_ARTICLE_NAMES): SearchResult {
  const view = projectArticle({ ...a, body: null, translated_content: null }, names);
  const result: SearchResult = { id: articleId(view.id), title: view.title, text: summaryText(view, view.description, SUMMARY_CHARS) };
  if (view.url) result.url = view.url;
  return result;
}

/** Highlight chunks as plain text: the matched words are not marked, just kept in their sentence. */
export function highlightText(chunks: readonly HighlightChunk[] | null | undefined): string {
  if (!Array.isArray(chunks)) return '';
  // Joined first: a chunk's edge spaces belong to the sentence ("The highlight is " + "my query").
  return plainLine(chunks.map((c) => (c && typeof c === 'object' && typeof c.text === 'string' ? c.text : '')).join(''));
}

/** A search hit: the summary line, with Intercom's highlighted snippets (as text) where the description would go. */
export function summarizeArticleHit(a: Article, highlight: ArticleSearchHighlights | undefined, names: ArticleNames = NO_ARTICLE_NAMES): SearchResult {
  const view = projectArticle({ ...a, body: null, translated_content: null }, names);
  const snippets = Array.isArray(highlight?.highlighted_summary)
    ? highlight.highlighted_summary.map((chunks) => highlightText(chunks)).filter((s) => s !== '')
    : [];
  // Ellipses where a passage starts or ends mid-sentence.
  const joined = snippets.join(' … ');
  const detail = snippets.length > 0 ? `${/^\p{Lu}/u.test(joined) ? '' : '…'}${joined}${/[.!?]$/.test(joined) ? '' : '…'}` : view.description;
  const result: SearchResult = { id: articleId(view.id), title: view.title, text: summaryText(view, detail, SNIPPET_CHARS) };
  if (view.url) result.url = view.url;
  return result;
}

/** Search hits in Intercom's order, each with the highlights Intercom returned for it (matched by article id). */
export function summarizeArticleHits(
  articles: readonly Article[] | null | undefined,
  highlights: readonly ArticleSearchHighlights[] | null | undefined,
  names: ArticleNames = NO_ARTICLE_NAMES,
): SearchResult[] {
  const byId = new Map<string, ArticleSearchHighlights>();
  for (const h of Array.isArray(highlights) ? highlights : []) {
    const id = h && typeof h === 'object' ? idOf(h.article_id) : undefined;
    if (id) byId.set(id, h);
  }
  return (Array.isArray(articles) ? articles : [])
    .filter((a) => a && typeof a === 'object')
    .map((a) => summarizeArticleHit(a, byId.get(idOf(a.id) ?? ''), names));
}

/** The OpenAI-style fetch document: a few readable lines about the article, then its body as text. */
export function formatArticleDocument(a: Article, names: ArticleNames = NO_ARTICLE_NAMES): FetchDocument {
  const view = projectArticle(a, names);
  const head: string[] = [];
  if (view.description) head.push(view.description);
  const facts: Array<[string, string | undefined]> = [
    ['State', view.has_unpublished_changes ? `${view.state ?? 'published'}, with unpublished changes` : view.state],
    ['Author', view.author ?? (view.author_id ? `admin ${view.author_id}` : undefined)],
    ['Collection', view.collection],
    ['Help Center', view.help_center],
    ['Updated', view.updated_at],
    ['Tags', view.tags?.join(', ')],
    ['Translations', view.translations?.map((t) => `${t.locale}${t.title ? ` "${t.title}"` : ''}${t.state ? ` (${t.state})` : ''}`).join(', ')],
  ];
  for (const [label, value] of facts) if (value) head.push(`${label}: ${value}`);
  const text = [head.join('\n'), view.body, view.note ? `(${view.note})` : undefined].filter((t): t is string => !!t).join('\n\n');
  const { id, title, url, body: _body, description: _description, ...metadata } = view;
  const doc: FetchDocument = { id: articleId(id), title, text, metadata };
  if (url) doc.url = url;
  return doc;
}
