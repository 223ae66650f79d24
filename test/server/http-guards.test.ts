import { describe, expect, it } from 'vitest';
import { ACCEPTED_FOR_MS, Callers, callerId, REFUSED_FOR_MS } from '../../src/server/http/callers.js';
import { allowedHosts, bearerToken, checkHost, checkOrigin, normalizeOrigin, rejectedToken } from '../../src/server/http/guards.js';
import { UnauthorizedError } from '../../src/intercom/errors.js';

const TOKEN = 'dG9rZW4tZm9yLXVuaXQtdGVzdHMtb25seQ==';

describe('origin', () => {
  const policy = { allowed: new Set([normalizeOrigin('https://app.example.com')!]) };

  it('passes requests without an Origin (MCP clients are not browsers)', () => {
    expect(checkOrigin(undefined, policy)).toBeUndefined();
  });

  it('passes local pages and listed origins, matched whole: scheme, host and port', () => {
    for (const origin of ['http://localhost:6274', 'http://127.0.0.1:3000', 'http://[::1]:8080', 'https://app.example.com', 'https://APP.example.com:443']) {
      expect(checkOrigin(origin, policy), origin).toBeUndefined();
    }
    for (const origin of ['http://app.example.com', 'https://app.example.com:8443', 'https://evil.example', 'https://app.example.com.evil.example', 'null', 'file://', 'https://localhost.evil.example']) {
      expect(checkOrigin(origin, policy)?.status, origin).toBe(403);
    }
  });

  it('normalizes an origin, and refuses anything with a path, credentials or another scheme', () => {
    expect(normalizeOrigin('HTTPS://Example.com:443/')).toBe('https://example.com');
    expect(normalizeOrigin('http://example.com:8080')).toBe('http://example.com:8080');
    for (const bad of ['ftp://example.com', 'https://u:p@example.com', 'https://example.com/path', 'not a url']) expect(normalizeOrigin(bad), bad).toBeUndefined();
  });
});

describe('host', () => {
  it('on loopback accepts only the loopback names with the port', () => {
    const hosts = allowedHosts({ address: '127.0.0.1', loopback: true, port: 4000, extra: [] });
    for (const host of ['localhost:4000', '127.0.0.1:4000', '[::1]:4000', 'LOCALHOST:4000']) expect(checkHost(host, hosts), host).toBeUndefined();
    for (const host of ['evil.example:4000', 'localhost:4001', 'localhost', undefined]) expect(checkHost(host, hosts)?.status, String(host)).toBe(403);
  });

  it('accepts the address actually bound, and on port 80 the names without a port', () => {
    const other = allowedHosts({ address: '127.0.0.2', loopback: true, port: 4000, extra: [] });
    expect(checkHost('127.0.0.2:4000', other)).toBeUndefined();
    const v6 = allowedHosts({ address: '::1', loopback: true, port: 80, extra: [] });
    for (const host of ['localhost', 'localhost:80', '[::1]', '127.0.0.1']) expect(checkHost(host, v6), host).toBeUndefined();
    expect(checkHost('evil.example', v6)?.status).toBe(403);
  });

  it('elsewhere checks only the hosts given, if any', () => {
    expect(allowedHosts({ address: '0.0.0.0', loopback: false, port: 80, extra: [] })).toBeUndefined();
    expect(checkHost('anything:80', undefined)).toBeUndefined();
    const hosts = allowedHosts({ address: '0.0.0.0', loopback: false, port: 80, extra: ['mcp.example.com'] });
    expect(checkHost('mcp.example.com', hosts)).toBeUndefined();
    expect(checkHost('evil.example', hosts)?.status).toBe(403);
  });
});

describe('bearer token', () => {
  it('takes the token of a Bearer header, in any case of the scheme', () => {
    expect(bearerToken(`Bearer ${TOKEN}`)).toEqual({ token: TOKEN });
    expect(bearerToken(`bearer ${TOKEN}`)).toEqual({ token: TOKEN });
  });

  it('refuses with 401 and WWW-Authenticate, never echoing what was sent', () => {
    const cases = [undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', `Bearer ${'x'.repeat(5000)}`, 'Bearer short', `Token ${TOKEN}`, `${TOKEN}`, 'hunter secretword'];
    for (const header of cases) {
      const result = bearerToken(header);
      expect('refusal' in result, String(header)).toBe(true);
      if (!('refusal' in result)) continue;
      expect(result.refusal.status).toBe(401);
      expect(result.refusal.headers?.['WWW-Authenticate']).toMatch(/^Bearer realm="intercom-mcp", error="invalid_(request|token)"/);
      expect(result.refusal.message).toContain('Authorization: Bearer <token>');
      expect(result.refusal.message).not.toContain(TOKEN);
      expect(result.refusal.message).not.toContain('hunter');
    }
  });

  it("Intercom's refusal names the region served", () => {
    const refusal = rejectedToken('eu');
    expect(refusal.status).toBe(401);
    expect(refusal.message).toContain('EU');
    expect(refusal.headers?.['WWW-Authenticate']).toContain('error="invalid_token"');
  });
});

describe('callers', () => {
  it('keys callers by a hash of the token, never the token', () => {
    const callers = new Callers({ maxInFlight: 2 });
    const caller = callers.of(TOKEN);
    expect(caller.id).toBe(callerId(TOKEN));
    expect(JSON.stringify(caller)).not.toContain(TOKEN);
    expect(callers.of(TOKEN)).toBe(caller);
    expect(callers.of(`${TOKEN}x`)).not.toBe(caller);
  });

  it('limits the calls in flight per caller; a release frees exactly one slot, once', () => {
    const callers = new Callers({ maxInFlight: 2 });
    const a = callers.of('token-a-0000000000');
    const b = callers.of('token-b-0000000000');
    const first = callers.acquire(a)!;
    expect(callers.acquire(a)).toBeTruthy();
    expect(callers.acquire(a)).toBeUndefined();
    expect(callers.acquire(b)).toBeTruthy();
    first();
    first();
    expect(a.inFlight).toBe(1);
    expect(callers.acquire(a)).toBeTruthy();
    expect(callers.acquire(a)).toBeUndefined();
  });

  it('forgets the least recently seen callers beyond the maximum, but none with calls in flight', () => {
    const callers = new Callers({ maxInFlight: 1, maxCallers: 2 });
    const busy = callers.of('token-busy-00000000');
    callers.acquire(busy);
    callers.of('token-2-00000000000');
    callers.of('token-3-00000000000');
    expect(callers.size).toBe(2);
    expect(callers.of('token-busy-00000000')).toBe(busy);
  });

  it("asks Intercom once, shares the answer between concurrent requests, and remembers yes and no for a while", async () => {
    let now = 0;
    const callers = new Callers({ maxInFlight: 1, now: () => now });
    const caller = callers.of(TOKEN);
    let asked = 0;
    const yes = async () => {
      asked++;
      await new Promise((r) => setTimeout(r, 5));
    };
    expect(await Promise.all([callers.accepts(caller, yes), callers.accepts(caller, yes)])).toEqual([true, true]);
    expect(asked).toBe(1);
    now += ACCEPTED_FOR_MS - 1;
    expect(await callers.accepts(caller, yes)).toBe(true);
    expect(asked).toBe(1);
    now += 2;
    const no = async () => {
      asked++;
      throw new UnauthorizedError({ status: 401 } as never);
    };
    expect(await callers.accepts(caller, no)).toBe(false);
    expect(await callers.accepts(caller, no)).toBe(false);
    expect(asked).toBe(2);
    now += REFUSED_FOR_MS + 1;
    const down = async () => {
      asked++;
      throw new Error('network down');
    };
    // Intercom unreachable: undecided (the call goes ahead and reports its own error), and not remembered.
    expect(await callers.accepts(caller, down)).toBeUndefined();
    expect(await callers.accepts(caller, yes)).toBe(true);
    expect(asked).toBe(4);
  });
});

describe('callers: checking new tokens', () => {
  it('checks at most so many new tokens at once; more are told to come back (busy)', async () => {
    const callers = new Callers({ maxInFlight: 1, maxChecking: 1 });
    let finish: () => void = () => {};
    const slow = () => new Promise<void>((resolve) => (finish = resolve));
    const first = callers.accepts(callers.of('token-one-000000000'), slow);
    expect(await callers.accepts(callers.of('token-two-000000000'), async () => {})).toBe('busy');
    finish();
    expect(await first).toBe(true);
    expect(await callers.accepts(callers.of('token-two-000000000'), async () => {})).toBe(true);
  });

  it('a 401 mid-call ends the accepted verdict at once', async () => {
    const callers = new Callers({ maxInFlight: 1 });
    const caller = callers.of(TOKEN);
    expect(await callers.accepts(caller, async () => {})).toBe(true);
    callers.refused(caller);
    expect(await callers.accepts(caller, async () => {})).toBe(false);
  });
});
