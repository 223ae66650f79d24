import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allRegions, probeToken, regionOfApp } from '../../src/intercom/probe.js';

const TOKEN = 'probe-token-0123456789abcdef';
const US = 'https://api.intercom.io';
const EU = 'https://api.eu.intercom.io';
const AU = 'https://api.au.intercom.io';

const me = (name: string) => HttpResponse.json({ type: 'admin', id: '7', email: 'a@example.com', app: { id_code: 'app1', name } });
const unauthorized = () =>
  HttpResponse.json({ type: 'error.list', errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] }, { status: 401 });

describe('the three-region probe', () => {
  const msw = setupServer();
  const asked: string[] = [];
  msw.events.on('request:start', ({ request }) => {
    asked.push(`${new URL(request.url).host} ${request.headers.get('authorization') === `Bearer ${TOKEN}`}`);
  });
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    msw.resetHandlers();
    asked.length = 0;
  });
  afterAll(() => msw.close());

  const probe = (timeoutMs = 2000) => probeToken({ token: TOKEN, targets: allRegions(), apiVersion: '2.16', userAgent: 'test', timeoutMs });

  it('asks US, EU and AU at once and keeps the one that accepts', async () => {
    msw.use(http.get(`${US}/me`, unauthorized), http.get(`${EU}/me`, () => me('EU Corp')), http.get(`${AU}/me`, unauthorized));
    const result = await probe();
    expect(result.accepted?.target).toEqual({ region: 'eu', baseUrl: EU });
    expect(result.accepted?.me.app?.name).toBe('EU Corp');
    expect(asked.sort()).toEqual(['api.au.intercom.io true', 'api.eu.intercom.io true', 'api.intercom.io true']);
  });

  it('none accepts: every region answers with its reason', async () => {
    msw.use(http.get(`${US}/me`, unauthorized), http.get(`${EU}/me`, unauthorized), http.get(`${AU}/me`, unauthorized));
    const result = await probe();
    expect(result.accepted).toBeUndefined();
    expect(result.answers).toHaveLength(3);
    for (const answer of result.answers) {
      expect(answer.outcome).toBe('rejected');
      expect(answer.outcome !== 'accepted' && answer.reason).toBe('HTTP 401, Intercom said: unauthorized: Access Token Invalid');
    }
  });

  it('two answer differently (a 403 and a server error) and one rejects: each is told apart', async () => {
    msw.use(
      http.get(`${US}/me`, unauthorized),
      http.get(`${EU}/me`, () => HttpResponse.json({ type: 'error.list', errors: [{ code: 'forbidden', message: 'App not installed' }] }, { status: 403 })),
      http.get(`${AU}/me`, () => new HttpResponse('oops', { status: 400 })),
    );
    const result = await probe();
    expect(result.accepted).toBeUndefined();
    const byRegion = Object.fromEntries(result.answers.map((a) => [a.target.region, a]));
    expect(byRegion.us).toMatchObject({ outcome: 'rejected' });
    expect(byRegion.eu).toMatchObject({ outcome: 'failed', reason: 'HTTP 403, Intercom said: forbidden: App not installed' });
    expect(byRegion.au).toMatchObject({ outcome: 'failed', reason: 'HTTP 400' });
  });

  it('one hangs: an acceptance elsewhere does not wait for it', async () => {
    msw.use(
      http.get(`${US}/me`, async () => {
        await delay('infinite');
        return me('never');
      }),
      http.get(`${EU}/me`, unauthorized),
      http.get(`${AU}/me`, () => me('AU Pty')),
    );
    const started = Date.now();
    const result = await probe(5000);
    expect(result.accepted?.target.region).toBe('au');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('one hangs and the others reject: it counts as silent after the timeout', async () => {
    msw.use(
      http.get(`${US}/me`, unauthorized),
      http.get(`${EU}/me`, unauthorized),
      http.get(`${AU}/me`, async () => {
        await delay('infinite');
        return me('never');
      }),
    );
    const started = Date.now();
    const result = await probe(300);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.accepted).toBeUndefined();
    expect(result.answers.find((a) => a.target.region === 'au')).toMatchObject({ outcome: 'timeout', reason: 'no answer within 0.3 s' });
  });

  it.each([
    ['US', 'us'],
    ['EU', 'eu'],
    ['Europe', 'eu'],
    ['AU', 'au'],
    ['Australia', 'au'],
    ['Mars', undefined],
  ])("reads /me's app.region %j as %s", (raw, region) => {
    expect(regionOfApp({ app: { region: raw } })).toBe(region);
  });
});
