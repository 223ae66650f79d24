import { isRegion, REGIONS, type Region } from './intercom/regions.js';

/** Everything the server needs to know about where and how to talk to Intercom. Frozen once built. */
export interface Config {
  readonly region: Region;
  /** API origin (and optional path prefix), without a trailing slash. */
  readonly baseUrl: string;
  /** Web-app origin for links into Intercom (per region; the US app for a custom base URL). */
  readonly appBaseUrl: string;
  readonly apiVersion: string;
  readonly timeoutMs: number;
}

/** Flags as commander hands them over; each one overrides its environment variable. */
export interface ConfigFlags {
  region?: string;
  baseUrl?: string;
  apiVersion?: string;
  timeoutMs?: string;
}

export const DEFAULT_API_VERSION = '2.16';
export const DEFAULT_TIMEOUT_MS = 30_000;

/** A setting that cannot work; the CLI prints the message and exits 2, before any transport is up. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function pick(flag: string | undefined, env: string | undefined): string | undefined {
  const value = flag ?? env;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function parseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`--base-url / INTERCOM_API_BASE_URL "${raw}" is not a URL; expected e.g. https://api.intercom.io`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`--base-url must be an https:// URL (got ${url.protocol}//...)`);
  }
  // The token rides in a header: plain http is only acceptable when it never leaves this machine.
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      `refusing plain http:// base URL for ${url.hostname}: the access token would travel unencrypted. ` +
        'Use https://, or http:// only for a loopback host (localhost, 127.0.0.1, [::1]).',
    );
  }
  if (url.username || url.password) throw new ConfigError('--base-url must not contain credentials');
  if (url.search || url.hash) throw new ConfigError('--base-url must not contain a query string or fragment');
  return url.href.replace(/\/+$/, '');
}

export function resolveConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): Config {
  const regionRaw = (pick(flags.region, env.INTERCOM_REGION) ?? 'us').toLowerCase();
  if (!isRegion(regionRaw)) {
    throw new ConfigError(`unknown region "${regionRaw}"; use one of: ${Object.keys(REGIONS).join(', ')}`);
  }
  const region: Region = regionRaw;

  const baseRaw = pick(flags.baseUrl, env.INTERCOM_API_BASE_URL);
  const baseUrl = baseRaw ? parseBaseUrl(baseRaw) : REGIONS[region].apiBaseUrl;

  const apiVersion = pick(flags.apiVersion, env.INTERCOM_API_VERSION) ?? DEFAULT_API_VERSION;
  if (!/^(\d+\.\d+|Unstable|Preview)$/.test(apiVersion)) {
    throw new ConfigError(`API version "${apiVersion}" is not one Intercom knows; use e.g. ${DEFAULT_API_VERSION}`);
  }

  const timeoutRaw = pick(flags.timeoutMs, env.INTERCOM_TIMEOUT_MS);
  const timeoutMs = timeoutRaw === undefined ? DEFAULT_TIMEOUT_MS : Number(timeoutRaw);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
    throw new ConfigError(`timeout "${timeoutRaw}" must be a whole number of milliseconds from 1 to 600000`);
  }

  return Object.freeze({ region, baseUrl, appBaseUrl: REGIONS[region].appBaseUrl, apiVersion, timeoutMs });
}
