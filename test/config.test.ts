import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../src/config.js';

describe('resolveConfig', () => {
  it('defaults to the US region, version 2.16 and a 30 s timeout', () => {
    expect(resolveConfig({}, {})).toEqual({
      region: 'us',
      baseUrl: 'https://api.intercom.io',
      appBaseUrl: 'https://app.intercom.com',
      apiVersion: '2.16',
      timeoutMs: 30_000,
    });
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
    [{ region: 'mars' }, /unknown region "mars"; use one of: us, eu, au/],
    [{ baseUrl: 'http://api.example.com' }, /refusing plain http:\/\/ base URL for api\.example\.com/],
    [{ baseUrl: 'http://10.0.0.1' }, /refusing plain http/],
    [{ baseUrl: 'ftp://x' }, /https:\/\//],
    [{ baseUrl: 'not a url' }, /is not a URL/],
    [{ baseUrl: 'https://user:pw@api.example.com' }, /credentials/],
    [{ baseUrl: 'https://api.example.com/?x=1' }, /query string/],
    [{ apiVersion: 'latest' }, /API version "latest"/],
    [{ timeoutMs: '0' }, /timeout "0"/],
    [{ timeoutMs: '1.5' }, /timeout "1.5"/],
    [{ timeoutMs: 'soon' }, /timeout "soon"/],
  ])('refuses %j', (flags, message) => {
    expect(() => resolveConfig(flags, {})).toThrow(ConfigError);
    expect(() => resolveConfig(flags, {})).toThrow(message);
  });
});
