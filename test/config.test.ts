import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig, withStoredRegion } from '../src/config.js';

describe('resolveConfig', () => {
  it('defaults to the US region, version 2.16, a 30 s timeout and the default profile', () => {
    expect(resolveConfig({}, {})).toEqual({
      region: 'us',
      baseUrl: 'https://api.intercom.io',
      appBaseUrl: 'https://app.intercom.com',
      apiVersion: '2.16',
      timeoutMs: 30_000,
      profile: 'default',
      toolsets: new Set(['conversations', 'contacts', 'companies', 'search']),
    });
  });

  it('takes the toolsets from --toolsets, then INTERCOM_TOOLSETS, in registry order, and refuses unknown names with the list', () => {
    expect([...resolveConfig({ toolsets: 'search, conversations' }, {}).toolsets]).toEqual(['conversations', 'search']);
    expect([...resolveConfig({}, { INTERCOM_TOOLSETS: 'contacts' }).toolsets]).toEqual(['contacts']);
    expect([...resolveConfig({ toolsets: 'contacts' }, { INTERCOM_TOOLSETS: 'search' }).toolsets]).toEqual(['contacts']);
    expect([...resolveConfig({ toolsets: 'ALL' }, {}).toolsets]).toEqual(['conversations', 'contacts', 'companies', 'search']);
    expect(() => resolveConfig({ toolsets: 'contacts,tickets' }, {})).toThrow(
      new ConfigError('--toolsets "tickets" is not a toolset; use one or more of: conversations, contacts, companies, search (comma-separated), or all'),
    );
    expect(() => resolveConfig({}, { INTERCOM_TOOLSETS: ' , ' })).toThrow(/INTERCOM_TOOLSETS names no toolset/);
  });

  it('takes the profile from --profile, then INTERCOM_PROFILE, and refuses a name that is not one', () => {
    expect(resolveConfig({ profile: 'work' }, { INTERCOM_PROFILE: 'home' }).profile).toBe('work');
    expect(resolveConfig({}, { INTERCOM_PROFILE: 'home' }).profile).toBe('home');
    expect(() => resolveConfig({}, { INTERCOM_PROFILE: '../etc' })).toThrow(/INTERCOM_PROFILE "\.\.\/etc" is not a profile name/);
    expect(() => resolveConfig({ profile: 'a b' }, {})).toThrow(/--profile "a b" is not a profile name/);
  });

  it('a stored region applies unless --region or INTERCOM_REGION names one; a base URL stays', () => {
    const plain = withStoredRegion(resolveConfig({}, {}), 'eu');
    expect(plain).toMatchObject({ region: 'eu', baseUrl: 'https://api.eu.intercom.io', appBaseUrl: 'https://app.eu.intercom.com' });
    expect(withStoredRegion(resolveConfig({ region: 'au' }, {}), 'eu').region).toBe('au');
    expect(withStoredRegion(resolveConfig({}, { INTERCOM_REGION: 'us' }), 'eu').region).toBe('us');
    const proxied = withStoredRegion(resolveConfig({ baseUrl: 'https://proxy.example.com/intercom' }, {}), 'au');
    expect(proxied).toMatchObject({ region: 'au', baseUrl: 'https://proxy.example.com/intercom', appBaseUrl: 'https://app.au.intercom.com' });
    expect(withStoredRegion(resolveConfig({}, {}), undefined).region).toBe('us');
  });

  it.each([
    ['eu', 'https://api.eu.intercom.io', 'https://app.eu.intercom.com'],
    ['au', 'https://api.au.intercom.io', 'https://app.au.intercom.com'],
    ['EU', 'https://api.eu.intercom.io', 'https://app.eu.intercom.com'],
  ])('region %s selects %s', (region, api, app) => {
    const config = resolveConfig({ region }, {});
    expect(config.baseUrl).toBe(api);
    expect(config.appBaseUrl).toBe(app);
  });

  it('reads the environment, and a flag wins over its variable', () => {
    const env = { INTERCOM_REGION: 'au', INTERCOM_API_VERSION: '2.15', INTERCOM_TIMEOUT_MS: '5000' };
    expect(resolveConfig({}, env)).toMatchObject({ region: 'au', apiVersion: '2.15', timeoutMs: 5000 });
    expect(resolveConfig({ region: 'eu', timeoutMs: '100' }, env)).toMatchObject({ region: 'eu', timeoutMs: 100 });
  });

  it.each([
    ['https://proxy.example.com/intercom/', 'https://proxy.example.com/intercom'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:9/', 'http://localhost:9'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('base URL %s is accepted as %s', (raw, expected) => {
    expect(resolveConfig({ baseUrl: raw }, {}).baseUrl).toBe(expected);
  });

  it('keeps the region\'s web app for links when the base URL is overridden', () => {
    expect(resolveConfig({ baseUrl: 'http://127.0.0.1:1', region: 'eu' }, {}).appBaseUrl).toBe('https://app.eu.intercom.com');
  });

  it.each([
    [{ region: 'mars' }, /^--region "mars" is not a region; use one of: us, eu, au$/],
    [{ baseUrl: 'http://api.example.com' }, /refusing plain http:\/\/ base URL for api\.example\.com \(--base-url\)/],
    [{ baseUrl: 'http://10.0.0.1' }, /refusing plain http/],
    [{ baseUrl: 'ftp://x' }, /^--base-url must be an https:\/\//],
    [{ baseUrl: 'not a url' }, /^--base-url "not a url" is not a URL/],
    [{ baseUrl: 'https://user:pw@api.example.com' }, /^--base-url must not contain credentials/],
    [{ baseUrl: 'https://api.example.com/?x=1' }, /^--base-url must not contain a query string/],
    [{ apiVersion: 'latest' }, /^--api-version "latest" is not an Intercom API version; use e\.g\. 2\.16/],
    [{ timeoutMs: '0' }, /^--timeout-ms "0" must be a whole number of milliseconds from 1 to 600000/],
    [{ timeoutMs: '1.5' }, /^--timeout-ms "1\.5"/],
    [{ timeoutMs: 'soon' }, /^--timeout-ms "soon"/],
  ])('refuses %j, naming the flag', (flags, message) => {
    expect(() => resolveConfig(flags, {})).toThrow(ConfigError);
    expect(() => resolveConfig(flags, {})).toThrow(message);
  });

  it.each([
    [{ INTERCOM_REGION: 'mars' }, /^INTERCOM_REGION "mars" is not a region; use one of: us, eu, au$/],
    [{ INTERCOM_API_BASE_URL: 'not a url' }, /^INTERCOM_API_BASE_URL "not a url" is not a URL/],
    [{ INTERCOM_API_BASE_URL: 'http://api.example.com' }, /\(INTERCOM_API_BASE_URL\): the access token would travel unencrypted/],
    [{ INTERCOM_API_BASE_URL: 'ftp://x' }, /^INTERCOM_API_BASE_URL must be an https:\/\//],
    [{ INTERCOM_API_VERSION: 'latest' }, /^INTERCOM_API_VERSION "latest" is not an Intercom API version/],
    [{ INTERCOM_TIMEOUT_MS: 'soon' }, /^INTERCOM_TIMEOUT_MS "soon" must be a whole number of milliseconds/],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => resolveConfig({}, env)).toThrow(ConfigError);
    expect(() => resolveConfig({}, env)).toThrow(message);
  });

  it('names the flag when a flag overrides a good variable, and the variable when no flag is given', () => {
    expect(() => resolveConfig({ region: 'mars' }, { INTERCOM_REGION: 'eu' })).toThrow(/^--region "mars"/);
    expect(() => resolveConfig({ region: 'eu' }, { INTERCOM_REGION: 'mars' })).not.toThrow();
    expect(() => resolveConfig({ timeoutMs: '100' }, { INTERCOM_TIMEOUT_MS: 'x', INTERCOM_REGION: 'mars' })).toThrow(/^INTERCOM_REGION/);
  });

  it('never repeats credentials found in a base URL it cannot parse', () => {
    const secret = 's3cr3t-t0ken';
    let message = '';
    try {
      resolveConfig({}, { INTERCOM_API_BASE_URL: `https://me:${secret}@[api.example.com` });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^INTERCOM_API_BASE_URL "https:\/\/\*\*\*@\[api\.example\.com" is not a URL/);
    expect(message).not.toContain(secret);
  });
});
