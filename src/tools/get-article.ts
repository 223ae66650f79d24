import * as z from 'zod';
import { projectArticle } from '../format/index.js';
import { parseArticleRef } from '../intercom/article-ids.js';
import { RECORDS } from '../records/index.js';
import { defineTool, READ_ONLY } from './define-tool.js';

export const getArticleTool = defineTool({
  name: 'get_article',
  title: 'Get a Help Center article',
  description:
    'One Help Center article by id or Help Center URL: the body as text with its links, state, author, ' +
    'collection, help center, URL, translations, tags, views.',
  inputSchema: z.object({
    id: z.string().max(2048).describe('Article id (123), "article_123", or the article\'s Help Center URL'),
  }),
  outputSchema: z.looseObject({ id: z.string(), title: z.string(), url: z.string().optional() }),
  toolset: 'articles',
  annotations: READ_ONLY,
  async handler({ id }, ctx) {
    const [{ article, names }] = await RECORDS.article.read(ctx, parseArticleRef(id));
    return { ...projectArticle(article, names) };
  },
});
