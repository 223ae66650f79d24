import * as z from 'zod';
import { summarizeArticleHits } from '../format/index.js';
import { InvalidIdError } from '../intercom/ids.js';
import { ARTICLE_STATES } from '../intercom/vocabulary.js';
import { QueryError } from '../query/index.js';
import { ARTICLE_TOOLS, searchArticles } from '../records/article.js';
import { defineTool, READ_ONLY } from './define-tool.js';
import { searchResultSchema } from './schemas.js';

export const searchArticlesTool = defineTool({
  name: 'search_articles',
  title: 'Search Help Center articles',
  description:
    `Help Center articles matching words, with the matching passages as text: one page of best matches, ids for ${ARTICLE_TOOLS.get}.`,
  inputSchema: z.object({
    phrase: z.string().max(256).describe('The words to find, e.g. "refund annual plan"'),
    state: z.enum(ARTICLE_STATES).optional().describe('Default published'),
    help_center_id: z.string().max(20).optional().describe('Only this Help Center (its numeric id)'),
  }),
  outputSchema: z.object({ results: z.array(searchResultSchema), total_count: z.number().int().optional(), _note: z.string().optional() }),
  toolset: 'articles',
  annotations: READ_ONLY,
  async handler({ phrase, state, help_center_id }, ctx) {
    const words = phrase.trim();
    if (words === '') throw new QueryError(`phrase is empty: send the words to look for (to browse every article, use ${ARTICLE_TOOLS.list}).`);
    const helpCenter = help_center_id?.trim();
    if (helpCenter !== undefined && !/^[0-9]{1,20}$/.test(helpCenter)) {
      throw new InvalidIdError('help_center_id is the Help Center\'s numeric id (e.g. "201"); leave it out to search every help center.');
    }
    const [found, names] = await searchArticles(ctx, {
      phrase: words,
      state: state ?? 'published',
      ...(helpCenter ? { help_center_id: helpCenter } : {}),
      highlight: true,
    });
    const results = summarizeArticleHits(found.data?.articles, found.data?.highlights, names);
    const total = typeof found.total_count === 'number' && found.total_count >= 0 ? found.total_count : undefined;
    const page: { results: typeof results; total_count?: number; _note?: string } = { results };
    if (total !== undefined) page.total_count = total;
    if (results.length === 0) {
      page._note = `No articles match. Try fewer or other words${state === 'all' ? '' : ', state: "all" to include drafts'}, or ${ARTICLE_TOOLS.list} to browse.`;
    } else if (total !== undefined && total > results.length) {
      page._note = `These are the best ${results.length} of ${total} matches (Intercom's article search takes no page parameter): add words to the phrase, or set state or help_center_id, to narrow.`;
    }
    return page;
  },
});
