// The emulator's read routes for companies and the workspace's directory (tags, teams, admins, segments),
// as the 2.16 spec describes them:
// - GET /companies: `name` or `company_id` finds one company (a `company_list`; 404 company_not_found when
//   none); `tag_id` / `segment_id` filter; none lists all; `page` / `per_page` (default 15).
// - POST /companies/list: every company with at least one contact ("the API does not include companies who
//   have no associated users"), by `last_request_at`, `order` desc (default) or asc; `page` / `per_page`.
// - GET /companies/{id}, GET /companies/{id}/contacts (a page of contacts, 50 by default; the spec lists no
//   parameters but answers with `pages`, so `page` / `per_page` are honoured as on Intercom's other lists).
// - GET /tags, GET /teams, GET /admins, GET /segments.
import { contactsOfCompany } from './companies.js';
import type { Company, Workspace } from './types.js';

export type RouteAnswer = { status: 200; body: unknown } | { status: number; code: string; message: string };

const NOT_FOUND: RouteAnswer = { status: 404, code: 'company_not_found', message: 'Company Not Found' };

/** The answer for a directory route, or undefined when the request is not one of them. */
export function routeDirectory(method: string, segments: readonly string[], query: URLSearchParams, ws: Workspace): RouteAnswer | undefined {
  const [first, second, third] = segments;
  if (method === 'GET' && segments.length === 1) {
    switch (first) {
      case 'tags':
        return ok({ type: 'list', data: ws.tags.map((t) => ({ ...t })) });
      case 'teams':
        return ok({
          type: 'team.list',
          teams: ws.teams.map((t) => ({
            type: 'team',
            id: String(t.id),
            name: t.name,
            admin_ids: ws.admins.filter((a) => a.team_ids?.includes(t.id)).map((a) => Number(a.id)),
          })),
        });
      case 'admins':
        return ok({
          type: 'admin.list',
          admins: ws.admins.map((a) => ({
            type: 'admin',
            email: a.email,
            id: a.id,
            name: a.name,
            ...(a.job_title ? { job_title: a.job_title } : {}),
            away_mode_enabled: false,
            away_mode_reassign: false,
            has_inbox_seat: true,
            team_ids: [...(a.team_ids ?? [])],
          })),
        });
      case 'segments':
        return ok({ type: 'segment.list', segments: ws.segments.map((s) => ({ ...s })), pages: {} });
      case 'companies':
        return listCompanies(ws, query);
    }
    return undefined;
  }
  if (first !== 'companies') return undefined;
  if (method === 'POST' && segments.length === 2 && second === 'list') return listAllCompanies(ws, query);
  if (method !== 'GET' || second === undefined) return undefined;
  const company = ws.companies.find((c) => c.id === second);
  if (segments.length === 2) return company ? ok(company) : NOT_FOUND;
  if (segments.length === 3 && third === 'contacts') {
    if (!company) return NOT_FOUND;
    const paging = pagingOf(query, 50);
    if ('code' in paging) return paging;
    const contacts = contactsOfCompany(ws.contacts, company.id);
    const { items, pages } = pageOf(contacts, paging);
    return ok({ type: 'list', data: items, total_count: contacts.length, pages });
  }
  return undefined;
}

function ok(body: unknown): RouteAnswer {
  return { status: 200, body };
}

function listCompanies(ws: Workspace, query: URLSearchParams): RouteAnswer {
  const paging = pagingOf(query, 15);
  if ('code' in paging) return paging;
  const name = query.get('name');
  const companyId = query.get('company_id');
  const tagId = query.get('tag_id');
  const segmentId = query.get('segment_id');
  let found: Company[] = [...ws.companies];
  if (name !== null) found = found.filter((c) => c.name === name);
  if (companyId !== null) found = found.filter((c) => c.company_id === companyId);
  // "fetch a single company by passing in company_id or name": none is a 404, as in the spec's responses.
  if ((name !== null || companyId !== null) && found.length === 0) return NOT_FOUND;
  if (tagId !== null) found = found.filter((c) => c.tags.tags.some((t) => t.id === tagId));
  if (segmentId !== null) found = found.filter((c) => c.segments.segments.some((s) => s.id === segmentId));
  found.sort((a, b) => b.created_at - a.created_at);
  const { items, pages } = pageOf(found, paging);
  return ok({ type: 'list', data: items, pages, total_count: found.length });
}

function listAllCompanies(ws: Workspace, query: URLSearchParams): RouteAnswer {
  const paging = pagingOf(query, 15);
  if ('code' in paging) return paging;
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') return { status: 400, code: 'parameter_invalid', message: 'order must be asc or desc' };
  const found = ws.companies.filter((c) => c.user_count > 0);
  found.sort((a, b) => (order === 'desc' ? b.last_request_at - a.last_request_at : a.last_request_at - b.last_request_at));
  const { items, pages } = pageOf(found, paging);
  return ok({ type: 'list', data: items, pages, total_count: found.length });
}

interface Paging { page: number; perPage: number }

function pagingOf(query: URLSearchParams, defaultPerPage: number): Paging | Extract<RouteAnswer, { code: string }> {
  const read = (name: string, fallback: number): number | undefined => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    return /^[0-9]{1,6}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined;
  };
  const page = read('page', 1);
  const perPage = read('per_page', defaultPerPage);
  if (page === undefined) return { status: 400, code: 'parameter_invalid', message: 'page must be a positive integer' };
  if (perPage === undefined) return { status: 400, code: 'parameter_invalid', message: 'per_page must be a positive integer' };
  return { page, perPage };
}

/** A page of a page-numbered list and its `pages` object (`next` only on the last page, as null, like the examples). */
function pageOf<T>(all: readonly T[], { page, perPage }: Paging): { items: T[]; pages: Record<string, unknown> } {
  const totalPages = Math.ceil(all.length / perPage);
  const items = all.slice((page - 1) * perPage, page * perPage);
  const pages: Record<string, unknown> = { type: 'pages', page, per_page: perPage, total_pages: totalPages };
  if (page >= totalPages) pages.next = null;
  return { items, pages };
}
