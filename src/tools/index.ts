import type { ToolDefinition } from './define-tool.js';
import { fetchTool } from './fetch.js';
import { getCompanyTool } from './get-company.js';
import { listCompaniesTool } from './list-companies.js';
import { getArticleTool } from './get-article.js';
import { getContactTool } from './get-contact.js';
import { getConversationTool } from './get-conversation.js';
import { listArticlesTool } from './list-articles.js';
import { searchArticlesTool } from './search-articles.js';
import { searchContactsTool } from './search-contacts.js';
import { searchConversationsTool } from './search-conversations.js';
import { searchTool } from './search.js';

/** The tools in the order `tools/list` shows them: universal first, then the direct API tools. */
export const TOOLS: readonly ToolDefinition[] = [
  searchTool,
  fetchTool,
  searchConversationsTool,
  getConversationTool,
  searchContactsTool,
  getContactTool,
  // Companies.
  listCompaniesTool,
  getCompanyTool,
  // Help Center articles.
  searchArticlesTool,
  listArticlesTool,
  getArticleTool,
] as unknown as readonly ToolDefinition[];
