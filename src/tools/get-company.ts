import * as z from 'zod';
import { projectCompany, projectCompanyContacts } from '../format/index.js';
import { InvalidIdError } from '../intercom/ids.js';
import { NotFoundError } from '../intercom/errors.js';
import { prefixedId } from '../intercom/record-kinds.js';
import type { Company } from '../intercom/types.js';
import { RECORDS } from '../records/index.js';
import { asList } from '../records/company.js';
import { defineTool, READ_ONLY } from './define-tool.js';
import { recordRef } from './record-ref.js';
import { recordIdSchema } from './schemas.js';

const WHAT_TO_SEND =
  'Send `id` (Intercom\'s company id: raw, company_…, or an Intercom web-app URL) or `company_id` (your own id for the company), one of them.';

export const getCompanyTool = defineTool({
  name: 'get_company',
  toolset: 'companies',
  title: 'Get an Intercom company',
  description:
    'One company by Intercom id or your own company_id: plan, size, spend, users, sessions, dates, custom ' +
    'attributes, tags and segments, and a page of its contacts.',
  inputSchema: z.object({
    id: recordIdSchema('Company').optional(),
    company_id: z.string().max(256).optional().describe('Your own id for the company, instead of id'),
    contacts_page: z.number().int().min(1).max(10_000).optional().describe('Page of its contacts (default 1)'),
  }),
  outputSchema: z.looseObject({ id: z.string(), url: z.string().optional() }),
  annotations: READ_ONLY,
  async handler({ id, company_id, contacts_page }, ctx) {
    if ((id === undefined) === (company_id === undefined)) throw new InvalidIdError(`${id === undefined ? 'No company given' : 'Both id and company_id given'}. ${WHAT_TO_SEND}`);
    const options = { signal: ctx.signal };
    const paging = contacts_page === undefined ? {} : { page: contacts_page };
    let company: Company;
    let contactsRequest;
    if (id !== undefined) {
      const ref = recordRef(id, 'company');
      // Both by Intercom id: asked at once.
      contactsRequest = ctx.intercom.listCompanyContacts(ref.id, paging, options);
      contactsRequest.catch(() => undefined);
      company = await ctx.intercom.getCompany(ref.id, options);
    } else {
      const key = company_id!.trim();
      if (key === '') throw new InvalidIdError(`company_id is empty. ${WHAT_TO_SEND}`);
      const found = asList(await ctx.intercom.listCompanies({ company_id: key }, {}, options)).data?.[0];
      if (!found?.id) throw new NotFoundError({ subject: `Company with company_id ${JSON.stringify(key)}` });
      company = found;
      contactsRequest = ctx.intercom.listCompanyContacts(found.id, paging, options);
    }
    const [contacts, links] = await ctx.withLinks(contactsRequest);
    const view = projectCompany(company, links);
    const listed = projectCompanyContacts(contacts);
    const out: Record<string, unknown> = { ...view, contacts: listed };
    const page = listed.page ?? contacts_page ?? 1;
    if (listed.total_pages !== undefined && page < listed.total_pages) {
      out._note = `Contacts: page ${page} of ${listed.total_pages} (${listed.total} in all). For more, call get_company with id "${prefixedId('company', view.id)}" and contacts_page: ${page + 1}.`;
    }
    return out as { id: string };
  },
});
