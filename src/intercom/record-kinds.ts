// The kinds of Intercom record this server reads, and what Intercom itself says about each: how its ids
// look, the word for it in a search (`object_type`), and where it lives in the web app. Every layer keys
// its own per-kind table by RecordKind, so adding a kind here is a compile error in each layer until that
// layer handles it; src/records/ joins the layers into one entry per kind.

export const RECORD_KINDS = ['conversation', 'contact', 'company', 'article'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface KindIdentity {
  /** The prefix of the ids `search` hands out (`conversation_123`); the kind's name plus `_`. */
  readonly prefix: string;
  /** The DSL's `object_type` value and the word for several (plural). */
  readonly objectType: string;
  /** What a raw id must look like (it ends up in a URL path). */
  readonly idSyntax: RegExp;
  /** The rule in words, for errors. */
  readonly idRule: string;
  /** How an id is written in examples: form and one real-looking id. */
  readonly form: string;
  readonly example: string;
  /** An id that certainly belongs to this kind, to tell a caller who passed it to another kind. */
  readonly unmistakable?: RegExp;
  /** Path words in a web-app URL that precede an id of this kind, and what such an id must look like there. */
  readonly urlSegments: ReadonlySet<string>;
  readonly urlId: RegExp;
  /** The record's page in the web app, under `{appBaseUrl}/a/`. Both parts are URL-encoded. */
  appPath(appId: string, id: string): string;
}

const enc = encodeURIComponent;

export const KIND_IDENTITY = {
  conversation: {
    prefix: 'conversation_',
    objectType: 'conversations',
    // Conversation ids are numeric strings.
    idSyntax: /^[0-9]+$/,
    idRule: 'only digits',
    form: 'conversation_<digits>',
    example: 'conversation_123456789',
    urlSegments: new Set(['conversation', 'conversations']),
    urlId: /^[0-9]+$/,
    appPath: (appId, id) => `inbox/${enc(appId)}/inbox/conversation/${enc(id)}`,
  },
  contact: {
    prefix: 'contact_',
    objectType: 'contacts',
    // 24-char hex ObjectIds in practice, but any URL-safe token is accepted so an unusual real id still works.
    idSyntax: /^[A-Za-z0-9_-]+$/,
    idRule: 'only letters, digits, "_" and "-"',
    form: 'contact_<id>',
    example: 'contact_6329bd9ffe4e2e91dac76188',
    unmistakable: /^[0-9a-f]{24}$/i,
    urlSegments: new Set(['users', 'user', 'contacts', 'contact', 'leads', 'lead']),
    // Inside an app URL a contact id must look like one, so path words ("segments", "all") are not taken for ids.
    urlId: /^[0-9a-f]{8,64}$/i,
    appPath: (appId, id) => `apps/${enc(appId)}/users/${enc(id)}/all-conversations`,
  },
  company: {
    prefix: 'company_',
    objectType: 'companies',
    // Intercom's own company ids are 24-char hex like contacts' (so none is unmistakable); any URL-safe token works.
    idSyntax: /^[A-Za-z0-9_-]+$/,
    idRule: 'only letters, digits, "_" and "-"',
    form: 'company_<id>',
    example: 'company_6762f07f1bb69f9f2193baf5',
    urlSegments: new Set(['companies', 'company']),
    urlId: /^[0-9a-f]{8,64}$/i,
    appPath: (appId, id) => `apps/${enc(appId)}/companies/${enc(id)}`,
  },
  article: {
    prefix: 'article_',
    objectType: 'articles',
    // Help Center article ids are numeric strings (the path parameter is an integer in the spec).
    idSyntax: /^[0-9]+$/,
    idRule: 'only digits',
    form: 'article_<digits>',
    example: 'article_8001',
    urlSegments: new Set(['articles', 'article']),
    urlId: /^[0-9]+$/,
    appPath: (appId, id) => `apps/${enc(appId)}/articles/articles/${enc(id)}/show`,
  },
} as const satisfies Readonly<Record<RecordKind, KindIdentity>>;

/** The DSL's `object_type` values: `conversations`, `contacts`, `companies`, `articles`. */
export type ObjectType = (typeof KIND_IDENTITY)[RecordKind]['objectType'];

export const OBJECT_TYPES: readonly ObjectType[] = RECORD_KINDS.map((kind) => KIND_IDENTITY[kind].objectType);

export function kindOfObjectType(objectType: ObjectType): RecordKind {
  return RECORD_KINDS.find((kind) => KIND_IDENTITY[kind].objectType === objectType)!;
}

/** `conversation_123`: the id the assistant sees and hands back to `fetch`. */
export function prefixedId(kind: RecordKind, id: string): string {
  return `${KIND_IDENTITY[kind].prefix}${id}`;
}

/** The record's page in the Intercom web app of the region. */
export function appUrl(kind: RecordKind, appBaseUrl: string, appId: string, id: string): string {
  return `${appBaseUrl.replace(/\/+$/, '')}/a/${KIND_IDENTITY[kind].appPath(appId, id)}`;
}
