// Contacts for the assistant: a one-line search summary, readable attribute lines and a compact
// structured view. Tags/companies/notes arrive as id-only lists: we show counts and ids, and names when
// Intercom included them or the workspace's directory (tags, admins, the companies shown) names the id,
// never invented. Companies: the first COMPANIES_SHOWN by name (records/contact.ts asks for exactly
// those), the rest counted with their ids.
import { prefixedId } from '../intercom/record-kinds.js';
import type { AddressableList, Contact, JsonValue } from '../intercom/types.js';
import { idOf, line, sanitizedAttributes, scalarAttributes, scalarText } from './common.js';
import { compact } from './compact.js';
import { isoDate, isoDay } from './dates.js';
import { cleanText } from './html-to-text.js';
import { plural } from './plural.js';
import type { FetchDocument, Links, Names, SearchResult } from './types.js';

/** An id-only list (tags, companies, notes): how many, and what we can name. */
export interface AddressedView {
  total?: number;
  names?: string[];
  ids?: string[];
  /** More exist than Intercom listed inline. */
  has_more?: boolean;
}

/** A company of a contact: its name, your own company_id and plan when known, and Intercom's id. */
export interface ContactCompanyView {
  name?: string;
  company_id?: string;
  plan?: string;
  id?: string;
}

export interface ContactCompaniesView {
  total: number;
  /** The first COMPANIES_SHOWN. */
  shown?: ContactCompanyView[];
  /** How many more the contact has. */
  more?: number;
  /** Ids of the others Intercom listed. */
  more_ids?: string[];
  /** How to read the others (from the tool side). */
  more_hint?: string;
}

/** How many of a contact's companies are shown (and named: one lookup each, cached). */
export const COMPANIES_SHOWN = 5;

/** Words for reading a contact's other companies; the tool side words it, as it names tools. */
export type MoreCompaniesHint = (more: number, listedIds: readonly string[]) => string;

export interface ContactOptions {
  readonly moreCompaniesHint?: MoreCompaniesHint;
}

export interface ContactView {
  id: string;
  url?: string;
  name?: string;
  role?: string;
  email?: string;
  phone?: string;
  external_id?: string;
  owner_id?: string;
  /** The owner's name, from the workspace's admins. */
  owner?: string;
  location?: string;
  created_at?: string;
  updated_at?: string;
  signed_up_at?: string;
  last_seen_at?: string;
  last_replied_at?: string;
  last_contacted_at?: string;
  last_email_opened_at?: string;
  last_email_clicked_at?: string;
  language?: string;
  browser?: string;
  os?: string;
  ios_app?: string;
  android_app?: string;
  /** Only present when true. */
  unsubscribed_from_emails?: boolean;
  has_hard_bounced?: boolean;
  marked_email_as_spam?: boolean;
  tags?: AddressedView;
  companies?: ContactCompaniesView;
  notes?: AddressedView;
  social_profiles?: Array<{ name?: string; url?: string }>;
  merged_from?: string[];
  custom_attributes?: Record<string, JsonValue>;
}

function addressed(list: AddressableList | null | undefined, known?: ReadonlyMap<string, string>): AddressedView | undefined {
  if (!list || typeof list !== 'object') return undefined;
  const data = Array.isArray(list.data) ? list.data.filter((d) => d && typeof d === 'object') : [];
  const names: string[] = [];
  const ids: string[] = [];
  for (const item of data) {
    const itemId = idOf(item.id);
    const name = line(item.name) ?? (itemId ? line(known?.get(itemId)) : undefined);
    if (name) names.push(name);
    else {
      const id = idOf(item.id);
      if (id) ids.push(id);
    }
  }
  const total = typeof list.total_count === 'number' && list.total_count > 0 ? list.total_count : data.length;
  if (total === 0 && names.length === 0 && ids.length === 0) return undefined;
  return compact<AddressedView>({
    total,
    names,
    ids,
    has_more: list.has_more === true || total > names.length + ids.length ? true : undefined,
  });
}

function companyItems(c: Contact): Array<{ id?: string; name?: string }> {
  const data = Array.isArray(c.companies?.data) ? c.companies.data.filter((d) => d && typeof d === 'object') : [];
  return data.map((item) => compact({ id: idOf(item.id), name: line(item.name) }));
}

/** The ids of the companies a contact shows that Intercom did not name inline: what to look up. */
export function shownCompanyIds(c: Contact): string[] {
  return companyItems(c)
    .slice(0, COMPANIES_SHOWN)
    .flatMap((item) => (item.id !== undefined && item.name === undefined ? [item.id] : []));
}

function companiesOf(c: Contact, known: Names['companies'], hint: MoreCompaniesHint | undefined): ContactCompaniesView | undefined {
  const list = c.companies;
  if (!list || typeof list !== 'object') return undefined;
  const items = companyItems(c);
  const total = Math.max(typeof list.total_count === 'number' ? list.total_count : 0, items.length);
  if (total === 0) return undefined;
  const shown = items.slice(0, COMPANIES_SHOWN).map((item): ContactCompanyView => {
    const brief = item.id !== undefined && item.name === undefined ? known?.get(item.id) : undefined;
    return compact<ContactCompanyView>({
      name: item.name ?? line(brief?.name),
      company_id: line(brief?.companyId),
      plan: line(brief?.plan),
      id: item.id,
    });
  });
  const more = total - shown.length;
  const moreIds = items.slice(COMPANIES_SHOWN).flatMap((item) => (item.id !== undefined ? [item.id] : []));
  return compact<ContactCompaniesView>({
    total,
    shown,
    more: more > 0 ? more : undefined,
    more_ids: moreIds,
    more_hint: more > 0 && hint ? hint(more, moreIds) : undefined,
  });
}

function companyText(company: ContactCompanyView): string {
  const details = [
    company.company_id ? `company_id ${company.company_id}` : undefined,
    company.plan ? `plan ${company.plan}` : undefined,
    company.id ? `id ${company.id}` : undefined,
  ].filter(Boolean);
  if (!company.name) return details.join(', ');
  return details.length > 0 ? `${company.name} (${details.join(', ')})` : company.name;
}

function companiesText(view: ContactCompaniesView | undefined): string | undefined {
  if (!view) return undefined;
  const shown = (view.shown ?? []).map(companyText).filter((t) => t !== '');
  if (shown.length === 0) return plural(view.total, 'company', 'companies');
  const more = view.more
    ? `; and ${view.more} more${view.more_ids?.length ? ` (ids ${view.more_ids.join(', ')})` : ''}${view.more_hint ? `: ${view.more_hint}` : ''}`
    : '';
  return `${view.total}: ${shown.join('; ')}${more}`;
}

function addressedText(view: AddressedView | undefined, singular: string, pluralForm?: string): string | undefined {
  if (!view) return undefined;
  const names = view.names ?? [];
  const ids = view.ids ?? [];
  const total = view.total ?? names.length + ids.length;
  const bits: string[] = [];
  if (names.length > 0) bits.push(names.join(', '));
  if (ids.length > 0) bits.push(`${names.length > 0 ? 'other ' : ''}ids ${ids.join(', ')}`);
  if (bits.length === 0) return plural(total, singular, pluralForm);
  return `${total} (${bits.join('; ')}${view.has_more ? '; more not listed' : ''})`;
}

function locationOf(c: Contact): string | undefined {
  const loc = c.location;
  if (!loc || typeof loc !== 'object') return undefined;
  const parts: string[] = [];
  for (const p of [line(loc.city), line(loc.region), line(loc.country)]) {
    if (p && !parts.includes(p)) parts.push(p);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function joinWords(...words: Array<string | undefined>): string | undefined {
  const text = words.filter((w) => w !== undefined && w !== '').join(' ');
  return text === '' ? undefined : text;
}

/** A mobile app as Intercom records it for a contact: all untrusted, any of it may be missing. */
interface AppFields {
  name: unknown;
  version: unknown;
  device: unknown;
  /** `iOS` or `Android`: the platform the OS version belongs to. */
  os: string;
  osVersion: unknown;
  lastSeen: number | null | undefined;
}

function appOf({ name, version, device, os, osVersion, lastSeen }: AppFields): string | undefined {
  const app = joinWords(line(name), line(version));
  const osText = line(osVersion) ? `${os} ${line(osVersion)}` : undefined;
  const deviceText = line(device);
  const platform = deviceText && osText ? `${deviceText} (${osText})` : (deviceText ?? osText);
  const seen = isoDate(lastSeen);
  const head = [app, platform ? `on ${platform}` : undefined].filter(Boolean).join(' ');
  const out = [head, seen ? `last seen ${seen}` : undefined].filter(Boolean).join(', ');
  return out === '' ? undefined : out;
}

function socialOf(c: Contact): Array<{ name?: string; url?: string }> {
  const data = Array.isArray(c.social_profiles?.data) ? c.social_profiles.data : [];
  const out: Array<{ name?: string; url?: string }> = [];
  for (const p of data) {
    if (!p || typeof p !== 'object') continue;
    const url = typeof p.url === 'string' && /^https?:\/\//i.test(p.url.trim()) ? cleanText(p.url).trim() : undefined;
    const name = line(p.name);
    if (url || name) out.push(compact({ name, url }));
  }
  return out;
}

/** Structured compact contact (also the readable document's metadata). */
export function projectContact(c: Contact, links: Links, names?: Names, options: ContactOptions = {}): ContactView {
  const id = idOf(c.id) ?? '';
  const ownerId = idOf(c.owner_id);
  const browser = joinWords(line(c.browser), line(c.browser_version));
  const view = compact<Omit<ContactView, 'id'>>({
    url: id ? links.contact(id) : undefined,
    name: line(c.name),
    role: line(c.role),
    email: line(c.email),
    phone: line(c.phone),
    external_id: line(c.external_id),
    owner_id: ownerId,
    owner: ownerId ? line(names?.admins?.get(ownerId)?.name) : undefined,
    location: locationOf(c),
    created_at: isoDate(c.created_at),
    updated_at: isoDate(c.updated_at),
    signed_up_at: isoDate(c.signed_up_at),
    last_seen_at: isoDate(c.last_seen_at),
    last_replied_at: isoDate(c.last_replied_at),
    last_contacted_at: isoDate(c.last_contacted_at),
    last_email_opened_at: isoDate(c.last_email_opened_at),
    last_email_clicked_at: isoDate(c.last_email_clicked_at),
    language: line(c.language_override) ?? line(c.browser_language),
    browser: browser && line(c.browser_language) ? `${browser} (${line(c.browser_language)})` : browser,
    os: line(c.os),
    ios_app: appOf({
      name: c.ios_app_name,
      version: c.ios_app_version,
      device: c.ios_device,
      os: 'iOS',
      osVersion: c.ios_os_version,
      lastSeen: c.ios_last_seen_at,
    }),
    android_app: appOf({
      name: c.android_app_name,
      version: c.android_app_version,
      device: c.android_device,
      os: 'Android',
      osVersion: c.android_os_version,
      lastSeen: c.android_last_seen_at,
    }),
    unsubscribed_from_emails: c.unsubscribed_from_emails === true ? true : undefined,
    has_hard_bounced: c.has_hard_bounced === true ? true : undefined,
    marked_email_as_spam: c.marked_email_as_spam === true ? true : undefined,
    tags: addressed(c.tags, names?.tags),
    companies: companiesOf(c, names?.companies, options.moreCompaniesHint),
    notes: addressed(c.notes),
    social_profiles: socialOf(c),
    merged_from: Array.isArray(c.merge_history)
      ? c.merge_history
          .map((m) => {
            const src = idOf(m?.source_contact_id);
            if (!src) return undefined;
            const at = isoDate(m.merged_at);
            return `${line(m.source_contact_role) ?? 'contact'} ${src}${at ? ` at ${at}` : ''}`;
          })
          .filter((x): x is string => x !== undefined)
      : undefined,
    custom_attributes: sanitizedAttributes(c.custom_attributes),
  });
  return { id, ...view };
}

function titleOf(c: Contact): string {
  return line(c.name) ?? line(c.email) ?? (idOf(c.id) ? `Contact ${idOf(c.id)}` : 'Contact');
}

/** One search hit: id `contact_<id>`, title = name/email/id, ONE line of what matters. */
export function summarizeContact(c: Contact, links: Links): SearchResult {
  const id = idOf(c.id) ?? '';
  const title = titleOf(c);
  const email = line(c.email);
  const companies = addressed(c.companies);
  const companyText = companies?.names?.length
    ? companies.names.join(', ')
    : companies?.total
      ? plural(companies.total, 'company', 'companies')
      : undefined;
  const seen = isoDay(c.last_seen_at);
  const bits = [
    line(c.role),
    email && email !== title ? email : undefined,
    line(c.phone),
    companyText,
    locationOf(c),
    seen ? `last seen ${seen}` : undefined,
  ].filter((b): b is string => b !== undefined && b !== '');
  const result: SearchResult = { id: prefixedId('contact', id), title, text: bits.join(' | ') };
  const url = id ? links.contact(id) : undefined;
  if (url) result.url = url;
  return result;
}

const LABELS: ReadonlyArray<[keyof ContactView, string]> = [
  ['name', 'Name'],
  ['role', 'Role'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['external_id', 'External ID'],
  ['owner', 'Owner'],
  ['owner_id', 'Owner (admin id)'],
  ['location', 'Location'],
  ['created_at', 'Created'],
  ['updated_at', 'Updated'],
  ['signed_up_at', 'Signed up'],
  ['last_seen_at', 'Last seen'],
  ['last_replied_at', 'Last replied'],
  ['last_contacted_at', 'Last contacted'],
  ['last_email_opened_at', 'Last email opened'],
  ['last_email_clicked_at', 'Last email clicked'],
  ['language', 'Language'],
  ['browser', 'Browser'],
  ['os', 'OS'],
  ['ios_app', 'iOS app'],
  ['android_app', 'Android app'],
];

/** Readable lines of every meaningful attribute, plus the same as a compact object in metadata. */
export function formatContactDocument(c: Contact, links: Links, names?: Names, options: ContactOptions = {}): FetchDocument {
  const view = projectContact(c, links, names, options);
  const lines: string[] = [];
  for (const [key, label] of LABELS) {
    const value = view[key];
    if (typeof value === 'string') lines.push(`${label}: ${value}`);
  }
  if (view.unsubscribed_from_emails) lines.push('Unsubscribed from emails: yes');
  if (view.has_hard_bounced) lines.push('Email hard bounced: yes');
  if (view.marked_email_as_spam) lines.push('Marked email as spam: yes');
  const tags = addressedText(view.tags, 'tag');
  if (tags) lines.push(`Tags: ${tags}`);
  const companies = companiesText(view.companies);
  if (companies) lines.push(`Companies: ${companies}`);
  const notes = addressedText(view.notes, 'note');
  if (notes) lines.push(`Notes: ${notes}`);
  for (const p of view.social_profiles ?? []) lines.push(`Social: ${[p.name, p.url].filter(Boolean).join(' ')}`);
  if (view.merged_from) lines.push(`Merged from: ${view.merged_from.join('; ')}`);
  const scalars = scalarAttributes(c.custom_attributes);
  if (scalars) {
    lines.push('Custom attributes:');
    for (const [key, value] of Object.entries(scalars)) lines.push(`  ${key}: ${scalarText(value)}`);
  }
  const { id: _id, url, ...metadata } = view;
  const doc: FetchDocument = { id: prefixedId('contact', view.id), title: titleOf(c), text: lines.join('\n'), metadata };
  if (url) doc.url = url;
  return doc;
}
