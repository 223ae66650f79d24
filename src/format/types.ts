// The shapes the tools layer hands to the assistant (OpenAI search/fetch contracts and paging window).

/** Where links into the Intercom web app point; both functions return undefined when the app id is unknown. */
export interface Links {
  conversation(id: string): string | undefined;
  contact(id: string): string | undefined;
}

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
  /** Default 80_000. */
  maxChars?: number;
}

export const DEFAULT_MAX_CHARS = 80_000;
