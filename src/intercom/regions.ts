/** Intercom hosts each workspace in one region; the API and the web app live on per-region hosts. */
export type Region = 'us' | 'eu' | 'au';

export const REGIONS: Readonly<Record<Region, { apiBaseUrl: string; appBaseUrl: string }>> = {
  us: { apiBaseUrl: 'https://api.intercom.io', appBaseUrl: 'https://app.intercom.com' },
  eu: { apiBaseUrl: 'https://api.eu.intercom.io', appBaseUrl: 'https://app.eu.intercom.com' },
  au: { apiBaseUrl: 'https://api.au.intercom.io', appBaseUrl: 'https://app.au.intercom.com' },
};

/** The region names, in the order the CLI and errors list them. */
export const REGION_NAMES = Object.keys(REGIONS) as readonly Region[];

export function isRegion(value: string): value is Region {
  return Object.hasOwn(REGIONS, value);
}
