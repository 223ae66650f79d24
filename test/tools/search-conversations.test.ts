import { describe, expect, it } from 'vitest';
import { describeRequest, POST_HEADERS, toolHarness } from './harness.js';

describe('search_conversations', () => {
  const h = toolHarness();

  it('turns structured filters into one AND query', async () => {
    const out = await h.call('search_conversations', {
      state: 'open',
      source_type: 'email',
      admin_assignee_id: '991267459',
      statistics_time_to_admin_reply: { operator: 'gt', value: 3600 },
      per_page: 10,
    });
    expect(out.isError).toBe(false);
    expect(h.apiRequests()).toHaveLength(1);
    expect(await describeRequest(h.apiRequests()[0]!)).toEqual({
      method: 'POST',
      url: 'https://api.intercom.io/conversations/search',
      headers: POST_HEADERS,
      body: {
        query: {
          operator: 'AND',
          value: expect.arrayContaining([
            { field: 'state', operator: '=', value: 'open' },
            { field: 'source.type', operator: '=', value: 'email' },
            { field: 'admin_assignee_id', operator: '=', value: 991267459 },
            { field: 'statistics.time_to_admin_reply', operator: '>', value: 3601 },
          ]),
        },
        pagination: { per_page: 10 },
      },
    });
    expect(Array.isArray(out.structured.results)).toBe(true);
  });

  it('with no filter lists recent conversations, 5 by default, and hands out the next cursor', async () => {
    const out = await h.call('search_conversations', {});
    expect(out.isError).toBe(false);
    const body = (await describeRequest(h.apiRequests()[0]!)).body as { pagination: unknown };
    expect(body.pagination).toEqual({ per_page: 5 });
    expect(out.structured.results).toHaveLength(5);
    expect(out.structured.next_starting_after).toBeTruthy();
    const next = await h.call('search_conversations', { starting_after: out.structured.next_starting_after });
    expect(next.isError).toBe(false);
    const first = out.structured.results.map((r: { id: string }) => r.id);
    for (const r of next.structured.results) expect(first).not.toContain(r.id);
  });

  it('dates accept ISO and ages', async () => {
    const out = await h.call('search_conversations', { created_at: { operator: 'gt', value: '2025-01-01' } });
    expect(out.isError).toBe(false);
    const body = (await describeRequest(h.apiRequests()[0]!)).body as { query: { field: string; value: number } };
    expect(body.query.field).toBe('created_at');
    expect(typeof body.query.value).toBe('number');
  });

  it.each([
    [{ state: 'pending' }],
    [{ per_page: 500 }],
    [{ created_at: { operator: 'gt', value: 'last tuesday' } }],
  ])('refuses %j before any request', async (args) => {
    const out = await h.call('search_conversations', args);
    expect(out.isError).toBe(true);
    expect(h.allRequests()).toHaveLength(0);
  });
});
