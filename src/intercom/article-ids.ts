// How get_article reads an article reference: digits, `article_<digits>`, the article's Help Center URL on
// any domain, or its page in the Intercom web app. What an article id is (prefix, syntax, app path) is the
// registry's: KIND_IDENTITY.article in record-kinds.ts; `fetch` takes the prefixed id and app URLs through ids.ts.
import { InvalidIdError } from './ids.js';
import { KIND_IDENTITY, prefixedId, RECORD_KINDS } from './record-kinds.js';

const MAX_ID_LENGTH = 20;
const ARTICLE_IDENTITY = KIND_IDENTITY.article;
const OTHER_PREFIXED = new RegExp(`^(${RECORD_KINDS.filter((k) => k !== 'article').join('|')})_`, 'i');

/** `article_8001`: the id the assistant sees and hands back. */
export function articleId(id: string): string {
  return prefixedId('article', id);
}

/** How an article may be named, for every error. */
export const ARTICLE_ID_FORMS =
  'Send an article id: its digits (8001), "article_8001", or its Help Center URL ' +
  '(e.g. https://help.example.com/en/articles/8001-reset-your-password).';

// In a URL the id is a path segment after `articles`, on its own or before the title's slug: `8001-reset-…`.
const URL_SEGMENT = /^([0-9]{1,20})(-[^/]*)?$/;

/**
 * The article id in `input`: digits, `article_<digits>`, a Help Center URL (any host: help centers have
 * their own domains; only the id is taken from it, and it goes to the configured Intercom host, never to the
 * URL's) or an Intercom web-app URL of the article. Throws InvalidIdError saying what to send otherwise.
 */
export function parseArticleRef(input: string): string {
  if (typeof input !== 'string' || input.trim() === '') throw new InvalidIdError(`An article id is required. ${ARTICLE_ID_FORMS}`);
  const text = input.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) || /^[^\s/]+\.[a-z]{2,}\//i.test(text)) return fromUrl(text);
  const prefixed = /^article_(.*)$/is.exec(text);
  const id = prefixed ? (prefixed[1] ?? '') : text;
  if (OTHER_PREFIXED.test(text)) {
    throw new InvalidIdError(`That is a ${text.slice(0, text.indexOf('_')).toLowerCase()} id, not an article id. ${ARTICLE_ID_FORMS}`);
  }
  return checked(id);
}

function checked(id: string): string {
  if (id === '') throw new InvalidIdError(`The article id is empty. ${ARTICLE_ID_FORMS}`);
  if (id.length > MAX_ID_LENGTH) throw new InvalidIdError(`That article id is too long. ${ARTICLE_ID_FORMS}`);
  if (!ARTICLE_IDENTITY.idSyntax.test(id)) throw new InvalidIdError(`That is not an article id: article ids have ${ARTICLE_IDENTITY.idRule}. ${ARTICLE_ID_FORMS}`);
  return id;
}

function fromUrl(text: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && !/^https?$/.test(scheme)) {
    throw new InvalidIdError(`Only http(s) Help Center or Intercom URLs are accepted. ${ARTICLE_ID_FORMS}`);
  }
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new InvalidIdError(`That URL could not be read. ${ARTICLE_ID_FORMS}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    throw new InvalidIdError(`Only http(s) Help Center or Intercom URLs are accepted. ${ARTICLE_ID_FORMS}`);
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  // The last `articles/<id>` wins: `/a/apps/x/articles/articles/8001/show` and `/en/articles/8001-title` alike.
  for (let i = segments.length - 2; i >= 0; i--) {
    if (!ARTICLE_IDENTITY.urlSegments.has((segments[i] ?? '').toLowerCase())) continue;
    const match = URL_SEGMENT.exec(segments[i + 1] ?? '');
    if (match) return checked(match[1]!);
  }
  throw new InvalidIdError(`That URL does not point at an article (no "/articles/<id>" in its path). ${ARTICLE_ID_FORMS}`);
}
