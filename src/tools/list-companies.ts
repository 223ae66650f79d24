import * as z from 'zod';
import { cleanText } from '../format/index.js';
import type { IntercomClient } from '../intercom/client.js';
import { namesFor } from '../intercom/directory.js';
import { buildCompanyList, QueryError } from '../query/index.js';
import { RECORDS } from '../records/index.js';
import { defineTool, READ_ONLY } from './define-tool.js';
import { cursorSchema, pageSizeSchema, resultPageSchema } from './schemas.js';
import { callAgainWithCursor, searchPage } from './search-page.js';

export const listCompaniesTool = defineTool({
  name: 'list_companies',
  toolset: 'companies',
  title: 'List Intercom companies',
  description:
    'Companies (accounts) by one exact filter (name, company_id, tag, tag_id or segment_id) or all, most recently ' +
    'active first: summaries (plan, size, users, tags) with ids for get_company.',
  inputSchema: z.object({
    name: z.string().max(256).optional().describe('Exact company name'),
    company_id: z.string().max(256).optional().describe('Your own id for the company'),
    tag: z.string().max(256).optional().describe('Tag name, e.g. vip'),
    tag_id: z.string().max(64).optional(),
    segment_id: z.string().max(64).optional(),
    per_page: pageSizeSchema,
    starting_after: cursorSchema,
  }),
  outputSchema: resultPageSchema,
  annotations: READ_ONLY,
  async handler({ tag, ...args }, ctx) {
    if (tag !== undefined) {
      if (args.tag_id !== undefined) throw new QueryError('send tag (a name) or tag_id, not both.');
      // Checked before the tag list is asked, so a bad call sends nothing.
      buildCompanyList({ ...args, tag_id: '0' });
      args.tag_id = await tagIdOf(ctx.cacheScope ?? ctx.intercom, ctx.intercom, tag);
    }
    return searchPage(RECORDS.company, ctx, buildCompanyList(args), callAgainWithCursor);
  },
});

const MAX_LISTED_TAGS = 30;

/** A tag's id by its name (case-insensitive), from the workspace's tag list (the directory cache). */
async function tagIdOf(scope: object, client: IntercomClient, name: string): Promise<string> {
  const wanted = name.trim().toLowerCase();
  if (wanted === '') throw new QueryError('tag must be a tag name, e.g. vip.');
  const tags = (await namesFor(scope, client, ['tags'])).tags;
  if (!tags || tags.size === 0) throw new QueryError("the workspace's tags could not be read just now; send tag_id instead, or try again.");
  for (const [id, tagName] of tags) if (tagName.trim().toLowerCase() === wanted) return id;
  // Tag names are workspace data: cleaned like any Intercom text before they reach the assistant.
  const known = [...tags.values()].slice(0, MAX_LISTED_TAGS).map((t) => JSON.stringify(cleanText(t)));
  const more = tags.size > MAX_LISTED_TAGS ? ` and ${tags.size - MAX_LISTED_TAGS} more` : '';
  throw new QueryError(`no tag is named ${JSON.stringify(name.slice(0, 80))}; the workspace's tags: ${known.join(', ')}${more}.`);
}
