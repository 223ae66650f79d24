import { formatCompanyDocument, summarizeCompany } from '../format/index.js';
import type { CallOptions, IntercomClient } from '../intercom/client.js';
import { NotFoundError } from '../intercom/errors.js';
import type { Company, CompanyFilters, CompanyList, PageRequest } from '../intercom/types.js';
import { QueryError } from '../query/index.js';
import { defineRecordKind, type ListQuery } from './define-record-kind.js';

/** "Note that … there is a limit of 10,000 Companies that can be returned" (POST /companies/list, 2.16). */
export const MAX_LISTED_COMPANIES = 10_000;
const FILTERS: ReadonlySet<string> = new Set(['name', 'company_id', 'tag_id', 'segment_id']);

/**
 * Companies have no search endpoint; a query is one list call. Which one (2.16 descriptions):
 * - a filter (name, company_id, tag_id, segment_id): GET /companies, the only endpoint that takes them;
 * - none: POST /companies/list, newest activity first (`last_request_at`, order desc). Both page by page
 *   number, which we hand out as the cursor.
 * Not GET /companies/scroll, although Intercom points there past 10,000 companies: a workspace (app) may
 * have only one scroll open at a time, so a second conversation or the customer's own sync would fail; a
 * scroll unused for a minute expires, which an assistant reading a page easily exceeds; after a network
 * error it cannot resume; and it has no order. An assistant reads the first pages of a narrowed list, not
 * ten thousand companies: past that limit the answer says to narrow by tag or segment instead.
 */
function listCompanies(client: IntercomClient, query: ListQuery, options: CallOptions): Promise<CompanyList> {
  // Checked before anything is sent (a throw here, not a rejection, so not even GET /me for links goes out).
  const page = pageOf(query.startingAfter);
  const perPage = query.perPage;
  if ((page - 1) * (perPage ?? 15) >= MAX_LISTED_COMPANIES) {
    throw new QueryError(`Intercom lists at most ${MAX_LISTED_COMPANIES} companies by paging; narrow the list with tag_id, segment_id or name instead of paging further.`);
  }
  const entries = Object.entries(query.filters);
  for (const [field] of entries) if (!FILTERS.has(field)) throw new QueryError(`companies cannot be filtered by ${field}; use one of name, company_id, tag_id, segment_id.`);
  if (entries.length === 0) return client.listAllCompanies({ page, per_page: perPage, order: 'desc' }, options);
  return listFiltered(client, Object.fromEntries(entries) as CompanyFilters, { page, per_page: perPage }, options);
}

async function listFiltered(client: IntercomClient, filters: CompanyFilters, paging: PageRequest, options: CallOptions): Promise<CompanyList> {
  try {
    return asList(await client.listCompanies(filters, paging, options));
  } catch (error) {
    // A name or company_id that matches nothing is a 404 there; for a list it is simply no match.
    if (error instanceof NotFoundError) return { type: 'list', data: [], total_count: 0 };
    throw error;
  }
}

/** The cursor of a company list is the next page's number. */
function pageOf(cursor: string | undefined): number {
  if (cursor === undefined) return 1;
  const text = cursor.trim();
  if (!/^[1-9][0-9]{0,5}$/.test(text)) {
    throw new QueryError(`starting_after for companies is the next_starting_after of the previous page (a page number such as "2"); got ${JSON.stringify(cursor.slice(0, 40))}.`);
  }
  return Number(text);
}

/** Asked by name or company_id, Intercom may answer with the company itself rather than a list of one. */
export function asList(answer: CompanyList): CompanyList {
  if (answer.type === 'company') return { type: 'list', data: [answer as Company], total_count: 1 };
  return answer;
}

export const companyRecord = defineRecordKind({
  kind: 'company',
  described: 'companies (accounts: plan, size, revenue)',
  tools: { search: 'list_companies', get: 'get_company' },
  get: (client, id, options) => client.getCompany(id, options),
  search: { via: 'list', run: listCompanies },
  page: (list) => {
    const pages = list.pages ?? undefined;
    const page = typeof pages?.page === 'number' ? pages.page : 1;
    const more = typeof pages?.total_pages === 'number' && page < pages.total_pages;
    return {
      items: list.data ?? [],
      total_count: list.total_count,
      pages: more ? { ...pages, next: { starting_after: String(page + 1) } } : undefined,
    };
  },
  summarize: summarizeCompany,
  document: formatCompanyDocument,
});
