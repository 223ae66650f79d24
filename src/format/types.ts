// The shapes the tools layer hands to the assistant (OpenAI search/fetch contracts and paging window).

import type { DirectoryNames } from '../intercom/directory.js';
import type { RecordKind } from '../intercom/record-kinds.js';

/** Names of the workspace's tags, teams and admins (intercom/directory.ts), for ids records carry bare. */
export type Names = DirectoryNames;

/** Where links into the Intercom web app point, one function per record kind; undefined when the app id is unknown. */
export type Links = { readonly [K in RecordKind]: (id: string) => string | undefined };

/** OpenAI `search` contract item. */
export interface SearchResult {
  id: string;
  title: string;
  text: string;
  url?: string;
}

/** OpenAI `fetch` contract document. */
export interface FetchDocument {
  id: string;
  title: string;
  text: string;
  url?: string;
  metadata: Record<string, unknown>;
}

/** Which conversation parts to render: from `partOffset` (0-based), until `maxChars` of output. */
export interface PartWindow {
  partOffset?: number;
  /** Default 60_000. */
  maxChars?: number;
  /**
   * The sentence after a cut window that says how to read on, worded by the caller: only it knows which
   * tool and argument page a thread. Without one, the note just says which parts are shown.
   */
  continueHint?: (nextPartOffset: number) => string;
}

// Claude Code refuses tool output over 25,000 tokens. JSON-escaped support threads (links, numbers, names) run
// near 3 characters a token, so 60,000 characters leaves headroom where 80,000 did not.
export const DEFAULT_MAX_CHARS = 60_000;
