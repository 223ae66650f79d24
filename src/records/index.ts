// The registry of record kinds: one line per kind. A kind in intercom/record-kinds.ts without a line here
// does not compile, and every tool that branches over kinds reads this table rather than naming kinds.
import { kindOfObjectType, RECORD_KINDS, type ObjectType, type RecordKind } from '../intercom/record-kinds.js';
import { articleRecord } from './article.js';
import { companyRecord } from './company.js';
import { contactRecord } from './contact.js';
import { conversationRecord } from './conversation.js';
import type { RecordKindEntry } from './define-record-kind.js';

export const RECORDS = {
  conversation: conversationRecord,
  contact: contactRecord,
  company: companyRecord,
  article: articleRecord,
} as const satisfies { readonly [K in RecordKind]: RecordKindEntry<K, unknown> };

/** The entries in registry order (the order of RECORD_KINDS). */
export const RECORD_ENTRIES: readonly RecordKindEntry[] = RECORD_KINDS.map((kind) => RECORDS[kind] as RecordKindEntry);

export function recordFor(kind: RecordKind): RecordKindEntry {
  return RECORDS[kind] as RecordKindEntry;
}

export function recordForObjectType(objectType: ObjectType): RecordKindEntry {
  return recordFor(kindOfObjectType(objectType));
}

export type { Found, ListQuery, ReadContext, RecordKindEntry } from './define-record-kind.js';
