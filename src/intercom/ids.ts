// Record ids arrive from an AI model and end up in URL paths: validate them strictly enough to stop path
// tricks (`../me`, `%2F`, query strings) and leniently enough for every real Intercom id and app URL.
import { REGIONS } from './regions.js';

export type RecordType = 'conversation' | 'contact';

export interface RecordRef {
  type: RecordType;
  id: string;
}

export class InvalidIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidIdError';
  }
}

const MAX_ID_LENGTH = 64;
// Conversation ids are numeric strings; contact ids are 24-char hex ObjectIds in practice, but any
// URL-safe token is accepted so an unusual real id still works.
const ID_SYNTAX: Record<RecordType, RegExp> = {
  conversation: /^[0-9]+$/,
  contact: /^[A-Za-z0-9_-]+$/,
};
// Inside an app URL a contact id must look like one, so path words ("segments", "all") are not taken for ids.
const URL_CONTACT_ID = /^[0-9a-f]{8,64}$/i;
const OBJECT_ID = /^[0-9a-f]{24}$/i;
const APP_HOSTS: ReadonlySet<string> = new Set(Object.values(REGIONS).map((r) => new URL(r.appBaseUrl).host));
const CONVERSATION_SEGMENTS = new Set(['conversation', 'conversations']);
const CONTACT_SEGMENTS = new Set(['users', 'user', 'contacts', 'contact', 'leads', 'lead']);

const FORMS =
  'Use "conversation_<digits>" (e.g. conversation_123456789), "contact_<id>" (e.g. ' +
  'contact_6329bd9ffe4e2e91dac76188), or an Intercom app URL (app.intercom.com, app.eu.intercom.com, app.au.intercom.com).';
const TOOL_FOR: Record<RecordType, string> = { conversation: 'get_conversation', contact: 'get_contact' };

/**
 * Parses `conversation_123`, `contact_<id>`, a raw id (typed by `expected`), or an Intercom web-app URL of
 * any region into a validated reference. Throws InvalidIdError with an actionable message otherwise.
 */
export function parseRecordRef(input: string, expected?: RecordType): RecordRef {
  if (typeof input !== 'string' || input.trim() === '') throw new InvalidIdError(`An id is required. ${FORMS}`);
  const text = input.trim();

  let ref: RecordRef;
  const prefixed = /^(conversation|contact)_(.*)$/is.exec(text);
  if (isUrlLike(text)) {
    ref = parseAppUrl(text);
  } else if (prefixed) {
    const type = (prefixed[1] ?? '').toLowerCase() as RecordType;
    ref = { type, id: checkId(prefixed[2] ?? '', type) };
  } else if (expected) {
    ref = { type: expected, id: checkId(text, expected) };
  } else {
    throw new InvalidIdError(`Say which kind of record this id is. ${FORMS}`);
  }

  if (expected && ref.type !== expected) {
    throw new InvalidIdError(
      `That is a ${ref.type}, not a ${expected}: use ${TOOL_FOR[ref.type]} (or fetch with "${ref.type}_${ref.id}") instead.`,
    );
  }
  return ref;
}

/** Link to a conversation in the Intercom inbox, e.g. https://app.intercom.com/a/inbox/{app}/inbox/conversation/{id}. */
export function conversationAppUrl(appBaseUrl: string, appId: string, id: string): string {
  return `${trimSlashes(appBaseUrl)}/a/inbox/${encodeURIComponent(appId)}/inbox/conversation/${encodeURIComponent(id)}`;
}

/** Link to a contact's page, e.g. https://app.intercom.com/a/apps/{app}/users/{id}/all-conversations. */
export function contactAppUrl(appBaseUrl: string, appId: string, id: string): string {
  return `${trimSlashes(appBaseUrl)}/a/apps/${encodeURIComponent(appId)}/users/${encodeURIComponent(id)}/all-conversations`;
}

function checkId(id: string, type: RecordType): string {
  if (id === '') throw new InvalidIdError(`The ${type} id is empty. ${FORMS}`);
  if (id.length > MAX_ID_LENGTH) throw new InvalidIdError(`That ${type} id is too long (over ${MAX_ID_LENGTH} characters). ${FORMS}`);
  if (ID_SYNTAX[type].test(id)) return id;
  if (type === 'conversation' && OBJECT_ID.test(id)) {
    throw new InvalidIdError(
      `Conversation ids are digits; this looks like a contact id: use get_contact (or fetch with "contact_${id}").`,
    );
  }
  const rule = type === 'conversation' ? 'only digits' : 'only letters, digits, "_" and "-"';
  throw new InvalidIdError(`That is not a valid ${type} id: ${type} ids have ${rule}. ${FORMS}`);
}

function isUrlLike(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^app\.([a-z]{2}\.)?intercom\.com\//i.test(text);
}

function parseAppUrl(text: string): RecordRef {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new InvalidIdError(`That URL could not be read. ${FORMS}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || !APP_HOSTS.has(url.host)) {
    throw new InvalidIdError(`Only Intercom app URLs are accepted. ${FORMS}`);
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  // The last conversation segment wins: a conversation opened from a contact's page is about the conversation.
  for (let i = segments.length - 2; i >= 0; i--) {
    const next = segments[i + 1] ?? '';
    if (CONVERSATION_SEGMENTS.has((segments[i] ?? '').toLowerCase()) && /^[0-9]+$/.test(next)) {
      return { type: 'conversation', id: checkId(next, 'conversation') };
    }
  }
  for (let i = segments.length - 2; i >= 0; i--) {
    const next = segments[i + 1] ?? '';
    if (CONTACT_SEGMENTS.has((segments[i] ?? '').toLowerCase()) && URL_CONTACT_ID.test(next)) {
      return { type: 'contact', id: checkId(next, 'contact') };
    }
  }
  throw new InvalidIdError(`That Intercom URL does not point at a conversation or a contact. ${FORMS}`);
}

function trimSlashes(base: string): string {
  return base.replace(/\/+$/, '');
}
