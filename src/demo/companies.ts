// The sample workspace's companies and segments. Built after every contact and conversation, from a PRNG
// stream of its own, so adding them changed none of the values generated before. Contacts point at these
// companies (their `companies` list) and each company's `user_count` counts exactly those contacts.
import { prng } from './prng.js';
import type { Company, Contact, Segment, TagBasic } from './types.js';

/** The contact segments the contacts already belong to (`contactSegments`), then the company segments. */
export const SEGMENT_IDS = {
  activeUsers: '5f0000000000000000000001',
  trialUsers: '5f0000000000000000000002',
  enterpriseAccounts: '5f0000000000000000000011',
  atRiskAccounts: '5f0000000000000000000012',
} as const;

interface CompanySpec {
  readonly name: string;
  readonly companyId: string;
  readonly industry: string;
  readonly website: string;
  readonly plan?: string;
  readonly size: number;
  readonly spend: number;
  readonly tags: readonly string[];
  readonly segments: readonly string[];
  /** Contacts whose email is at this domain (and who had a company before) belong here. */
  readonly domain?: string;
  /** The `company_name` custom attribute of the named people (workspace.ts PEOPLE). */
  readonly custom: Record<string, string | number | boolean>;
  /** Days since it last made a request: the order of POST /companies/list. */
  readonly lastRequestDaysAgo: number;
}

const COMPANIES: readonly CompanySpec[] = [
  { name: 'Acme Corp', companyId: 'acme-001', industry: 'Software', website: 'https://acme.io', plan: 'Enterprise', size: 420, spend: 12000, tags: ['vip'], segments: [SEGMENT_IDS.enterpriseAccounts], domain: 'acme.io', custom: { account_tier: 'gold', paid_subscriber: true, seats_purchased: 120, renewal_date: '2025-09-30' }, lastRequestDaysAgo: 0 },
  { name: 'Globex', companyId: 'globex-002', industry: 'Manufacturing', website: 'https://globex.com', plan: 'Pro', size: 1200, spend: 4800, tags: ['churn-risk'], segments: [SEGMENT_IDS.atRiskAccounts], domain: 'globex.com', custom: { account_tier: 'silver', paid_subscriber: true, seats_purchased: 40 }, lastRequestDaysAgo: 9 },
  { name: 'Initech Ltd', companyId: 'initech-003', industry: 'Financial services', website: 'https://initech.co.uk', plan: 'Team', size: 85, spend: 900, tags: [], segments: [], domain: 'initech.co.uk', custom: { paid_subscriber: true, seats_purchased: 12 }, lastRequestDaysAgo: 2 },
  { name: 'Umbrella GmbH', companyId: 'umbrella-004', industry: 'Pharmaceuticals', website: 'https://umbrella.de', plan: 'Enterprise', size: 3000, spend: 25000, tags: ['vip', 'security', 'gdpr'], segments: [SEGMENT_IDS.enterpriseAccounts], domain: 'umbrella.de', custom: { account_tier: 'platinum', paid_subscriber: true, seats_purchased: 400, renewal_date: '2026-01-15' }, lastRequestDaysAgo: 1 },
  { name: 'Example Inc', companyId: 'example-005', industry: 'Retail', website: 'https://example.com', plan: 'Pro', size: 40, spend: 1500, tags: ['churn-risk'], segments: [SEGMENT_IDS.atRiskAccounts], domain: 'example.com', custom: { paid_subscriber: true, seats_purchased: 25 }, lastRequestDaysAgo: 4 },
  { name: 'Hengda Logistics', companyId: 'hengda-006', industry: 'Logistics', website: 'https://hengda.example.cn', plan: 'Enterprise', size: 5200, spend: 18000, tags: ['vip'], segments: [SEGMENT_IDS.enterpriseAccounts], custom: { account_tier: 'gold', paid_subscriber: true }, lastRequestDaysAgo: 3 },
  { name: 'Gulf Trading', companyId: 'gulf-007', industry: 'Trading', website: 'https://gulftrading.example.ae', plan: 'Team', size: 60, spend: 700, tags: [], segments: [], custom: { paid_subscriber: true }, lastRequestDaysAgo: 6 },
  { name: 'Hanbit Studio', companyId: 'hanbit-008', industry: 'Media', website: 'https://hanbit.example.kr', plan: 'Team', size: 25, spend: 450, tags: ['onboarding'], segments: [], custom: { paid_subscriber: false }, lastRequestDaysAgo: 12 },
  { name: 'Sông Hồng Foods', companyId: 'songhong-009', industry: 'Food & beverage', website: 'https://songhong.example.vn', plan: 'Enterprise', size: 800, spend: 9000, tags: ['vip', 'api'], segments: [SEGMENT_IDS.enterpriseAccounts], custom: { account_tier: 'gold', paid_subscriber: true }, lastRequestDaysAgo: 5 },
  // No contacts: POST /companies/list leaves it out (spec), GET /companies/{id} still finds it.
  { name: 'Dormant Co', companyId: 'dormant-010', industry: 'Consulting', website: 'https://dormant.example.org', size: 3, spend: 0, tags: [], segments: [], custom: {}, lastRequestDaysAgo: 200 },
];

/** The i-th company's Intercom id: 24 hex digits like Intercom's. */
export function companyId(i: number): string {
  const rand = prng(0xc0a1 + i * 104729);
  let tail = '';
  for (let k = 0; k < 16; k++) tail += Math.floor(rand() * 16).toString(16);
  return `6762f3${(0x10 + i).toString(16)}${tail}`;
}

export function sampleSegments(baseTime: number): Segment[] {
  const at = baseTime - 300 * 86400;
  const segment = (id: string, name: string, person_type: 'contact' | 'user'): Segment => ({ type: 'segment', id, name, created_at: at, updated_at: at + 86400, person_type });
  return [
    segment(SEGMENT_IDS.activeUsers, 'Active users', 'user'),
    segment(SEGMENT_IDS.trialUsers, 'Trial users', 'user'),
    segment(SEGMENT_IDS.enterpriseAccounts, 'Enterprise accounts', 'user'),
    segment(SEGMENT_IDS.atRiskAccounts, 'At-risk accounts', 'user'),
  ];
}

/**
 * The companies, with the contacts attached: a contact that had a company gets the one of its email domain
 * (gmail.com has none: that contact keeps no company), a named person with a `company_name` gets that one.
 */
export function buildCompanies(options: {
  baseTime: number;
  workspaceId: string;
  contacts: Contact[];
  tags: readonly TagBasic[];
  segments: readonly Segment[];
}): Company[] {
  const { baseTime, workspaceId, contacts, tags, segments } = options;
  const rand = prng(0xc0a1);
  const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
  const tagByName = new Map(tags.map((t) => [t.name, t]));
  const segmentById = new Map(segments.map((s) => [s.id, s]));
  const companies: Company[] = COMPANIES.map((spec, i): Company => {
    const created = baseTime - int(150, 400) * 86400 + int(0, 86399);
    return {
      type: 'company',
      id: companyId(i),
      name: spec.name,
      app_id: workspaceId,
      plan: spec.plan ? { type: 'plan', id: String(269310 + i), name: spec.plan } : ({} as Record<string, never>),
      company_id: spec.companyId,
      remote_created_at: created - int(30, 900) * 86400,
      created_at: created,
      updated_at: baseTime - spec.lastRequestDaysAgo * 86400 - int(3600, 7200),
      last_request_at: baseTime - spec.lastRequestDaysAgo * 86400 - int(0, 3599),
      size: spec.size,
      website: spec.website,
      industry: spec.industry,
      monthly_spend: spec.spend,
      session_count: spec.spend === 0 ? 0 : int(40, 4000),
      user_count: 0,
      custom_attributes: { ...spec.custom },
      tags: { type: 'tag.list', tags: spec.tags.map((name) => ({ ...tagByName.get(name)! })) },
      segments: { type: 'segment.list', segments: spec.segments.map((id) => ({ ...segmentById.get(id)! })) },
      notes: { type: 'note.list', notes: [] },
    };
  });

  const byDomain = new Map(COMPANIES.flatMap((spec, i) => (spec.domain ? [[spec.domain, companies[i]!] as const] : [])));
  const byName = new Map(companies.map((c) => [c.name, c]));
  for (const contact of contacts) {
    const named = contact.custom_attributes.company_name;
    const company = typeof named === 'string' ? byName.get(named) : contact.companies.total_count > 0 ? byDomain.get(contact.email_domain ?? '') : undefined;
    const data = company ? [{ type: 'company', id: company.id, url: `/companies/${company.id}` }] : [];
    contact.companies = { ...contact.companies, data, total_count: data.length, has_more: false };
    if (company) company.user_count++;
  }
  return companies;
}

/** A company's contacts, in the workspace's contact order. */
export function contactsOfCompany(contacts: readonly Contact[], companyId: string): Contact[] {
  return contacts.filter((c) => c.companies.data.some((ref) => ref.id === companyId));
}
