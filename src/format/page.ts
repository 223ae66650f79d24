import type { CursorPages } from '../intercom/types.js';
import type { SearchResult } from './index.js';
import { plural } from './plural.js';

export interface ResultPage {
  results: SearchResult[];
  total_count?: number;
  next_starting_after?: string;
  _note?: string;
}

/**
 * One page of summaries, with the cursor and a note that tells the assistant how to go on.
 * `howToContinue` names the argument in the caller's own terms (a DSL term or a tool argument).
 */
export function resultPage(
  results: SearchResult[],
  totalCount: number | undefined,
  pages: CursorPages | undefined,
  howToContinue: (cursor: string) => string,
): ResultPage {
  const page: ResultPage = { results };
  if (typeof totalCount === 'number') page.total_count = totalCount;
  const cursor = pages?.next?.starting_after;
  if (typeof cursor === 'string' && cursor !== '' && results.length > 0) {
    page.next_starting_after = cursor;
    const of = typeof totalCount === 'number' ? ` of ${plural(totalCount, 'match', 'matches')}` : '';
    page._note = `This page has ${results.length}${of}. For the next page, ${howToContinue(cursor)}.`;
  } else if (results.length === 0) {
    page._note = 'No matches. Loosen the filters or check field values.';
  }
  return page;
}
