import { DEFAULT_PROFILE, isProfileName, PROFILE_RULE } from './credentials/profile.js';
import { DEFAULT_API_VERSION } from './intercom/api-version.js';
import { isRegion, REGION_NAMES, REGIONS, type Region } from './intercom/regions.js';
import { isToolsetName, TOOLSET_NAMES, type ToolsetName } from './tools/toolsets.js';

/** Everything the server needs to know about where and how to talk to Intercom. Frozen once built. */
export interface Config {
  readonly region: Region;
  /** API origin (and optional path prefix), without a trailing slash. */
  readonly baseUrl: string;
  /** Web-app origin for links into Intercom (per region; the US app for a custom base URL). */
  readonly appBaseUrl: string;
  readonly apiVersion: string;
  readonly timeoutMs: number;
  /** Whose stored token to use (`--profile`, INTERCOM_PROFILE; `default`). */
  readonly profile: string;
  /** The families of tools served (`--toolsets`, INTERCOM_TOOLSETS; all read families). */
  readonly toolsets: ReadonlySet<ToolsetName>;
  /** Where the region was set (`--region` or `INTERCOM_REGION`); undefined when it is the default. */
  readonly regionFrom?: string;
  /** Where the base URL was set (`--base-url` or `INTERCOM_API_BASE_URL`); undefined when it follows the region. */
  readonly baseUrlFrom?: string;
}

/** Flags as commander hands them over; each one overrides its environment variable. */
export interface ConfigFlags {
  region?: string;
  baseUrl?: string;
  apiVersion?: string;
  timeoutMs?: string;
  profile?: string;
  toolsets?: string;
}

export { DEFAULT_API_VERSION };
export const DEFAULT_TIMEOUT_MS = 30_000;

/** A setting that cannot work; the CLI prints the message and exits 2, before any transport is up. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A setting's value and where it came from, named as the user wrote it (`--region` or `INTERCOM_REGION`). */
interface Setting {
  readonly value: string;
  readonly source: string;
}

function pick(flag: string | undefined, env: string | undefined, names: { flag: string; env: string }): Setting | undefined {
  const value = flag ?? env;
  if (value === undefined || value.trim() === '') return undefined;
  return { value: value.trim(), source: flag !== undefined ? names.flag : names.env };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The raw text of a setting for an error, with anything that may be a credential (`user:pass@`) masked. */
function shown(raw: string): string {
  const masked = raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#@]*@/i, (_m, scheme: string | undefined) => `${scheme ?? ''}***@`);
  return JSON.stringify(masked.length > 200 ? `${masked.slice(0, 199)}…` : masked);
}

function parseBaseUrl({ value: raw, source }: Setting): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${source} ${shown(raw)} is not a URL; expected e.g. https://api.intercom.io`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${source} must be an https:// URL (got ${url.protocol}//...)`);
  }
  // The token rides in a header: plain http is only acceptable when it never leaves this machine.
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      `refusing plain http:// base URL for ${url.hostname} (${source}): the access token would travel unencrypted. ` +
        'Use https://, or http:// only for a loopback host (localhost, 127.0.0.1, [::1]).',
    );
  }
  if (url.username || url.password) throw new ConfigError(`${source} must not contain credentials; the token goes in INTERCOM_ACCESS_TOKEN`);
  if (url.search || url.hash) throw new ConfigError(`${source} must not contain a query string or fragment`);
  return url.href.replace(/\/+$/, '');
}

/** `conversations,search` (commas or spaces; `all` is every read family) → the set, or a ConfigError naming the valid ones. */
function parseToolsets(setting: Setting | undefined): ReadonlySet<ToolsetName> {
  if (setting === undefined) return new Set(TOOLSET_NAMES);
  const names = setting.value.toLowerCase().split(/[\s,]+/).filter(Boolean);
  if (names.includes('all')) return new Set(TOOLSET_NAMES);
  const unknown = names.filter((name) => !isToolsetName(name));
  if (unknown.length > 0 || names.length === 0) {
    const what = unknown.length > 0 ? `${unknown.map((u) => shown(u)).join(', ')} ${unknown.length > 1 ? 'are not toolsets' : 'is not a toolset'}` : 'names no toolset';
    throw new ConfigError(`${setting.source} ${what}; use one or more of: ${TOOLSET_NAMES.join(', ')} (comma-separated), or all`);
  }
  // In the registry's order, whatever order they were written in.
  return new Set(TOOLSET_NAMES.filter((name) => names.includes(name)));
}

export function resolveConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): Config {
  const regionSetting = pick(flags.region, env.INTERCOM_REGION, { flag: '--region', env: 'INTERCOM_REGION' });
  const regionRaw = (regionSetting?.value ?? 'us').toLowerCase();
  if (!isRegion(regionRaw)) {
    throw new ConfigError(
      `${regionSetting?.source ?? 'region'} ${shown(regionSetting?.value ?? regionRaw)} is not a region; use one of: ${REGION_NAMES.join(', ')}`,
    );
  }
  const region: Region = regionRaw;

  const baseSetting = pick(flags.baseUrl, env.INTERCOM_API_BASE_URL, { flag: '--base-url', env: 'INTERCOM_API_BASE_URL' });
  const baseUrl = baseSetting ? parseBaseUrl(baseSetting) : REGIONS[region].apiBaseUrl;

  const versionSetting = pick(flags.apiVersion, env.INTERCOM_API_VERSION, { flag: '--api-version', env: 'INTERCOM_API_VERSION' });
  const apiVersion = versionSetting?.value ?? DEFAULT_API_VERSION;
  if (!/^(\d+\.\d+|Unstable|Preview)$/.test(apiVersion)) {
    throw new ConfigError(
      `${versionSetting?.source ?? 'API version'} ${shown(apiVersion)} is not an Intercom API version; use e.g. ${DEFAULT_API_VERSION} (the default), or Preview`,
    );
  }

  const timeoutSetting = pick(flags.timeoutMs, env.INTERCOM_TIMEOUT_MS, { flag: '--timeout-ms', env: 'INTERCOM_TIMEOUT_MS' });
  const timeoutMs = timeoutSetting === undefined ? DEFAULT_TIMEOUT_MS : Number(timeoutSetting.value);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
    throw new ConfigError(
      `${timeoutSetting?.source ?? 'timeout'} ${shown(timeoutSetting?.value ?? '')} must be a whole number of milliseconds from 1 to 600000 (default ${DEFAULT_TIMEOUT_MS})`,
    );
  }

  const profileSetting = pick(flags.profile, env.INTERCOM_PROFILE, { flag: '--profile', env: 'INTERCOM_PROFILE' });
  const profile = profileSetting?.value ?? DEFAULT_PROFILE;
  if (!isProfileName(profile)) {
    throw new ConfigError(`${profileSetting?.source ?? 'profile'} ${shown(profile)} is not a profile name; use ${PROFILE_RULE}`);
  }

  const toolsetSetting = pick(flags.toolsets, env.INTERCOM_TOOLSETS, { flag: '--toolsets', env: 'INTERCOM_TOOLSETS' });
  const toolsets = parseToolsets(toolsetSetting);

  return Object.freeze({
    region,
    baseUrl,
    appBaseUrl: REGIONS[region].appBaseUrl,
    apiVersion,
    timeoutMs,
    profile,
    toolsets,
    ...(regionSetting ? { regionFrom: regionSetting.source } : {}),
    ...(baseSetting ? { baseUrlFrom: baseSetting.source } : {}),
  });
}

/**
 * The config for a token stored with its region (by `login`): that region, unless --region or INTERCOM_REGION
 * names one; the API follows it unless a base URL is set.
 */
export function withStoredRegion(config: Config, stored: Region | undefined): Config {
  if (!stored || config.regionFrom !== undefined || stored === config.region) return config;
  return Object.freeze({
    ...config,
    region: stored,
    baseUrl: config.baseUrlFrom !== undefined ? config.baseUrl : REGIONS[stored].apiBaseUrl,
    appBaseUrl: REGIONS[stored].appBaseUrl,
  });
}
