import * as z from 'zod';
import { buildCompanyList } from '../query/index.js';
import { RECORDS } from '../records/index.js';
import { defineTool, READ_ONLY } from './define-tool.js';
import { cursorSchema, pageSizeSchema, resultPageSchema } from './schemas.js';
import { callAgainWithCursor, searchPage } from './search-page.js';

export const listCompaniesTool = defineTool({
  name: 'list_companies',
  toolset: 'companies',
  title: 'List Intercom companies',
  description:
    'List companies (accounts) by one exact filter: name, company_id (your own id), tag_id or segment_id; ' +
    'none lists all, most recently active first. One-line summaries (plan, size, users, tags) with ids for get_company.',
  inputSchema: z.object({
    name: z.string().max(256).optional().describe('Exact company name'),
    company_id: z.string().max(256).optional().describe('Your own id for the company'),
    tag_id: z.string().max(64).optional(),
    segment_id: z.string().max(64).optional(),
    per_page: pageSizeSchema,
    starting_after: cursorSchema,
  }),
  outputSchema: resultPageSchema,
  annotations: READ_ONLY,
  async handler(args, ctx) {
    return searchPage(RECORDS.company, ctx, buildCompanyList(args), callAgainWithCursor);
  },
});
