import type { Links } from './types.js';

/** Links when the workspace's app id is unknown (or in tests): nothing points anywhere. */
export const NO_LINKS: Links = Object.freeze({
  conversation: () => undefined,
  contact: () => undefined,
});
