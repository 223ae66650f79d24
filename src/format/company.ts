// Companies for the assistant: a one-line summary, a compact structured view and a readable document.
// Intercom sends a company's tags and segments with their names, so they are shown by name; `plan` is
// `{}` when the company has none; `monthly_spend` is the revenue the company brings ("How much revenue
// the company generates for your business").
import { prefixedId } from '../intercom/record-kinds.js';
import type { Company, CompanyContacts, Contact, JsonValue } from '../intercom/types.js';
import { idOf, line, sanitizedAttributes, scalarAttributes, scalarText } from './common.js';
import { compact } from './compact.js';
import { isoDate, isoDay } from './dates.js';
import { plural } from './plural.js';
import type { FetchDocument, Links, SearchResult } from './types.js';

export interface CompanyView {
  id: string;
  url?: string;
  name?: string;
  company_id?: string;
  plan?: string;
  size?: number;
  industry?: string;
  website?: string;
  monthly_spend?: number;
  user_count?: number;
  session_count?: number;
  created_at?: string;
  remote_created_at?: string;
  updated_at?: string;
  last_request_at?: string;
  tags?: string[];
  segments?: string[];
  custom_attributes?: Record<string, JsonValue>;
}

/** A contact of a company, in one compact line of fields. */
export interface CompanyContactView {
  id: string;
  name?: string;
  email?: string;
  role?: string;
  last_seen_at?: string;
}

export interface CompanyContactsView {
  total: number;
  shown: CompanyContactView[];
  /** The page shown and how many there are, when Intercom said so. */
  page?: number;
  total_pages?: number;
}

const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);

function names(items: ReadonlyArray<{ name?: string | null } | null | undefined> | null | undefined): string[] {
  const out: string[] = [];
  for (const item of Array.isArray(items) ? items : []) {
    const name = line(item?.name);
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

function websiteOf(value: unknown): string | undefined {
  const text = line(value);
  return text && /^https?:\/\//i.test(text) ? text : undefined;
}

export function projectCompany(c: Company, links: Links): CompanyView {
  const id = idOf(c.id) ?? '';
  const view = compact<Omit<CompanyView, 'id'>>({
    url: id ? links.company(id) : undefined,
    name: line(c.name),
    company_id: line(c.company_id),
    plan: line(c.plan?.name),
    size: count(c.size),
    industry: line(c.industry),
    website: websiteOf(c.website),
    monthly_spend: count(c.monthly_spend),
    user_count: count(c.user_count),
    session_count: count(c.session_count),
    created_at: isoDate(c.created_at),
    remote_created_at: isoDate(c.remote_created_at),
    updated_at: isoDate(c.updated_at),
    last_request_at: isoDate(c.last_request_at),
    tags: names(c.tags?.tags),
    segments: names(c.segments?.segments),
    custom_attributes: sanitizedAttributes(c.custom_attributes),
  });
  return { id, ...view };
}

function titleOf(c: Company): string {
  return line(c.name) ?? (line(c.company_id) ? `Company ${line(c.company_id)}` : idOf(c.id) ? `Company ${idOf(c.id)}` : 'Company');
}

/** One search hit: id `company_<id>`, title = name, one line of what a support person asks first. */
export function summarizeCompany(c: Company, links: Links): SearchResult {
  const view = projectCompany(c, links);
  const seen = isoDay(c.last_request_at);
  const bits = [
    view.company_id ? `company_id ${view.company_id}` : undefined,
    view.plan ? `plan ${view.plan}` : undefined,
    view.size !== undefined ? plural(view.size, 'employee') : undefined,
    view.user_count !== undefined ? plural(view.user_count, 'user') : undefined,
    view.monthly_spend !== undefined ? `monthly spend ${view.monthly_spend}` : undefined,
    view.tags?.length ? `tags: ${view.tags.join(', ')}` : undefined,
    seen ? `last active ${seen}` : undefined,
  ].filter((b): b is string => b !== undefined);
  const result: SearchResult = { id: prefixedId('company', view.id), title: titleOf(c), text: bits.join(' | ') };
  if (view.url) result.url = view.url;
  return result;
}

const LABELS: ReadonlyArray<[keyof CompanyView, string]> = [
  ['name', 'Name'],
  ['company_id', 'Company ID (yours)'],
  ['plan', 'Plan'],
  ['size', 'Employees'],
  ['industry', 'Industry'],
  ['website', 'Website'],
  ['monthly_spend', 'Monthly spend'],
  ['user_count', 'Users'],
  ['session_count', 'Sessions'],
  ['created_at', 'Added to Intercom'],
  ['remote_created_at', 'Created (your records)'],
  ['updated_at', 'Updated'],
  ['last_request_at', 'Last active'],
];

/** Readable lines of every meaningful attribute, and the same as a compact object in metadata. */
export function formatCompanyDocument(c: Company, links: Links): FetchDocument {
  const view = projectCompany(c, links);
  const lines: string[] = [];
  for (const [key, label] of LABELS) {
    const value = view[key];
    if (typeof value === 'string' || typeof value === 'number') lines.push(`${label}: ${value}`);
  }
  if (view.tags?.length) lines.push(`Tags: ${view.tags.join(', ')}`);
  if (view.segments?.length) lines.push(`Segments: ${view.segments.join(', ')}`);
  const scalars = scalarAttributes(c.custom_attributes);
  if (scalars) {
    lines.push('Custom attributes:');
    for (const [key, value] of Object.entries(scalars)) lines.push(`  ${key}: ${scalarText(value)}`);
  }
  const { id: _id, url, ...metadata } = view;
  const doc: FetchDocument = { id: prefixedId('company', view.id), title: titleOf(c), text: lines.join('\n'), metadata };
  if (url) doc.url = url;
  return doc;
}

function contactLine(c: Contact): CompanyContactView | undefined {
  const id = idOf(c?.id);
  if (!id) return undefined;
  return { id, ...compact({ name: line(c.name), email: line(c.email), role: line(c.role), last_seen_at: isoDate(c.last_seen_at) }) };
}

/** A page of a company's contacts, each in a few fields. */
export function projectCompanyContacts(list: CompanyContacts): CompanyContactsView {
  const shown = (Array.isArray(list.data) ? list.data : []).map(contactLine).filter((c): c is CompanyContactView => c !== undefined);
  const total = count(list.total_count) ?? shown.length;
  return { total, shown, ...compact({ page: count(list.pages?.page), total_pages: count(list.pages?.total_pages) }) };
}
