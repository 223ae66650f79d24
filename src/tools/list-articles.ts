import * as z from 'zod';
import { summarizeArticle } from '../format/index.js';
import { ARTICLE_TOOLS, listArticles } from '../records/article.js';
import { defineTool, READ_ONLY } from './define-tool.js';
import { searchResultSchema } from './schemas.js';

const DEFAULT_PER_PAGE = 10;

/** A page number as Intercom sends it (an integer, or its digits as a string). */
const pageNumber = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^[0-9]{1,9}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
};

export const listArticlesTool = defineTool({
  name: 'list_articles',
  title: 'List Help Center articles',
  description:
    `Help Center articles, drafts too, last updated first, by page; ids for ${ARTICLE_TOOLS.get}. No filters ` +
    `(Intercom's list takes none): ${ARTICLE_TOOLS.search} narrows.`,
  inputSchema: z.object({
    page: z.number().int().min(1).max(100_000).optional().describe('Page number (default 1)'),
    per_page: z.number().int().min(1).max(50).optional().describe(`Articles per page, 1-50 (default ${DEFAULT_PER_PAGE})`),
  }),
  outputSchema: z.object({
    results: z.array(searchResultSchema),
    total_count: z.number().int().optional(),
    page: z.number().int().optional(),
    total_pages: z.number().int().optional(),
    next_page: z.number().int().optional(),
    _note: z.string().optional(),
  }),
  toolset: 'articles',
  annotations: READ_ONLY,
  async handler({ page, per_page }, ctx) {
    const [list, names] = await listArticles(ctx, { page, per_page: per_page ?? DEFAULT_PER_PAGE });
    const results = (Array.isArray(list.data) ? list.data : []).filter((a) => a && typeof a === 'object').map((a) => summarizeArticle(a, names));
    const current = pageNumber(list.pages?.page) ?? page ?? 1;
    const totalPages = pageNumber(list.pages?.total_pages);
    const totalCount = typeof list.total_count === 'number' && list.total_count >= 0 ? list.total_count : undefined;
    const out: { results: typeof results; total_count?: number; page: number; total_pages?: number; next_page?: number; _note?: string } = { results, page: current };
    if (totalCount !== undefined) out.total_count = totalCount;
    if (totalPages !== undefined) out.total_pages = totalPages;
    if (results.length === 0) {
      out._note = totalPages !== undefined && current > totalPages ? `There are only ${totalPages} pages.` : 'No articles.';
    } else if (totalPages !== undefined && current < totalPages) {
      out.next_page = current + 1;
      out._note = `Page ${current} of ${totalPages}. For the next, call again with page: ${current + 1}${per_page ? ` and per_page: ${per_page}` : ''}.`;
    }
    return out;
  },
});
