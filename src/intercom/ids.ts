// Record ids arrive from an AI model and end up in URL paths: validate them strictly enough to stop path
// tricks (`../me`, `%2F`, query strings) and leniently enough for every real Intercom id and app URL.
// What each kind's ids look like is in record-kinds.ts; this file knows no kind by name, and no tool.
import { KIND_IDENTITY, RECORD_KINDS, type KindIdentity, type RecordKind } from './record-kinds.js';
import { REGIONS } from './regions.js';

export interface RecordRef {
  kind: RecordKind;
  id: string;
}

export class InvalidIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidIdError';
  }
}

/**
 * A valid id of another kind than the one asked for: `found` is what it is. The message ends where the
 * tool layer adds which tool reads that kind.
 */
export class KindMismatchError extends InvalidIdError {
  constructor(
    readonly lead: string,
    readonly found: RecordRef,
  ) {
    super(`${lead}.`);
    this.name = 'KindMismatchError';
  }
}

const MAX_ID_LENGTH = 64;
// The wide type, so optional facts (unmistakable) read the same for every kind.
const IDENTITY: Readonly<Record<RecordKind, KindIdentity>> = KIND_IDENTITY;
const APP_HOSTS: ReadonlySet<string> = new Set(Object.values(REGIONS).map((r) => new URL(r.appBaseUrl).host));
const PREFIXED = new RegExp(`^(${RECORD_KINDS.join('|')})_(.*)$`, 'is');

/** How ids are written, for every error: `Use "conversation_<digits>" (e.g. …), "contact_<id>" (e.g. …), or an Intercom app URL (…).` */
export const ID_FORMS = `Use ${RECORD_KINDS.map((k) => `"${KIND_IDENTITY[k].form}" (e.g. ${KIND_IDENTITY[k].example}), `).join('')}or an Intercom app URL (${[...APP_HOSTS].join(', ')}).`;

/**
 * Parses `conversation_123`, `contact_<id>`, a raw id (of the `expected` kind), or an Intercom web-app URL
 * of any region into a validated reference. Throws InvalidIdError with an actionable message otherwise.
 */
export function parseRecordRef(input: string, expected?: RecordKind): RecordRef {
  if (typeof input !== 'string' || input.trim() === '') throw new InvalidIdError(`An id is required. ${ID_FORMS}`);
  const text = input.trim();

  let ref: RecordRef;
  const prefixed = PREFIXED.exec(text);
  if (isUrlLike(text)) {
    ref = parseAppUrl(text);
  } else if (prefixed) {
    const kind = (prefixed[1] ?? '').toLowerCase() as RecordKind;
    ref = { kind, id: checkId(prefixed[2] ?? '', kind) };
  } else if (expected) {
    ref = { kind: expected, id: checkId(text, expected) };
  } else {
    throw new InvalidIdError(`Say which kind of record this id is. ${ID_FORMS}`);
  }

  if (expected && ref.kind !== expected) throw new KindMismatchError(`That is ${aOr(ref.kind)}, not ${aOr(expected)}`, ref);
  return ref;
}

function checkId(id: string, kind: RecordKind): string {
  if (id === '') throw new InvalidIdError(`The ${kind} id is empty. ${ID_FORMS}`);
  if (id.length > MAX_ID_LENGTH) throw new InvalidIdError(`That ${kind} id is too long (over ${MAX_ID_LENGTH} characters). ${ID_FORMS}`);
  const identity = IDENTITY[kind];
  if (identity.idSyntax.test(id)) return id;
  for (const other of RECORD_KINDS) {
    if (other !== kind && IDENTITY[other].unmistakable?.test(id)) {
      const rule = identity.idRule.replace(/^only /, '');
      throw new KindMismatchError(`${capitalize(kind)} ids are ${rule}; this looks like ${aOr(other)} id`, { kind: other, id });
    }
  }
  throw new InvalidIdError(`That is not a valid ${kind} id: ${kind} ids have ${identity.idRule}. ${ID_FORMS}`);
}

/** "a contact", "an article". */
function aOr(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

function capitalize(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

function isUrlLike(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^app\.([a-z]{2}\.)?intercom\.com\//i.test(text);
}

function parseAppUrl(text: string): RecordRef {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new InvalidIdError(`That URL could not be read. ${ID_FORMS}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || !APP_HOSTS.has(url.host)) {
    throw new InvalidIdError(`Only Intercom app URLs are accepted. ${ID_FORMS}`);
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  // Kinds are tried in registry order, each from the end of the path: a conversation opened from a
  // contact's page is about the conversation.
  for (const kind of RECORD_KINDS) {
    const { urlSegments, urlId } = KIND_IDENTITY[kind];
    for (let i = segments.length - 2; i >= 0; i--) {
      const next = segments[i + 1] ?? '';
      if (urlSegments.has((segments[i] ?? '').toLowerCase()) && urlId.test(next)) return { kind, id: checkId(next, kind) };
    }
  }
  const kinds = RECORD_KINDS.map(aOr);
  throw new InvalidIdError(`That Intercom URL does not point at ${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}. ${ID_FORMS}`);
}

