/** The Intercom-Version this server is written and tested against (spec/intercom/, 2.16). */
export const DEFAULT_API_VERSION = '2.16';
