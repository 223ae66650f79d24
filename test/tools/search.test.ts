import { describe, expect, it } from 'vitest';
import { describeRequest, POST_HEADERS, toolHarness } from './harness.js';

describe('search', () => {
  const h = toolHarness();

  it('sends the translated DSL query to /conversations/search and shapes summaries', async () => {
    const out = await h.call('search', { query: 'object_type:conversations state:open source_type:email limit:2' });
    expect(out.isError).toBe(false);
    const [request] = h.apiRequests();
    expect(h.apiRequests()).toHaveLength(1);
    expect(await describeRequest(request!)).toEqual({
      method: 'POST',
      url: 'https://api.intercom.io/conversations/search',
      headers: POST_HEADERS,
      body: {
        query: {
          operator: 'AND',
          value: [
            { field: 'state', operator: '=', value: 'open' },
            { field: 'source.type', operator: '=', value: 'email' },
          ],
        },
        pagination: { per_page: 2 },
      },
    });
    expect(out.structured.results.length).toBeGreaterThan(0);
    for (const r of out.structured.results) {
      expect(Object.keys(r).sort()).toEqual(['id', 'text', 'title', 'url']);
      expect(r.id).toMatch(/^conversation_\d+$/);
      expect(r.text).toContain('email');
      expect(r.text).not.toContain('\n');
    }
    expect(JSON.parse(out.text)).toEqual(out.structured);
  });

  it('sends contact queries to /contacts/search, with the cursor when paging', async () => {
    const out = await h.call('search', { query: 'object_type:contacts role:lead starting_after:abc limit:7' });
    const [request] = h.apiRequests();
    expect(await describeRequest(request!)).toMatchObject({
      method: 'POST',
      url: 'https://api.intercom.io/contacts/search',
      body: { query: { field: 'role', operator: '=', value: 'lead' }, pagination: { per_page: 7, starting_after: 'abc' } },
    });
    // The fake, like Intercom, refuses a cursor it did not hand out; the answer says so without the raw body.
    expect(out.isError).toBe(true);
    expect(out.text).not.toContain('{');
  });

  it('conversation comparisons match what Intercom (and the fake) count as inclusive', async () => {
    const ws = h.fake.workspace.conversations;
    const reopened = ws.filter((c) => (c.statistics?.count_reopens ?? 0) >= 1).length;
    const gte = await h.call('search', { query: 'object_type:conversations statistics_count_reopens:gte:1 limit:150' });
    expect(gte.structured.total_count).toBe(reopened);
    const gt = await h.call('search', { query: 'object_type:conversations statistics_count_reopens:gt:0 limit:150' });
    expect(gt.structured.total_count).toBe(reopened);

    const day = Date.UTC(2025, 3, 26) / 1000;
    const sameDay = ws.filter((c) => c.created_at >= day && c.created_at < day + 86_400).map((c) => `conversation_${c.id}`);
    expect(sameDay.length).toBeGreaterThan(0);
    const range = await h.call('search', { query: 'object_type:conversations created_at:gte:2025-04-26 created_at:lt:2025-04-27 limit:150' });
    expect(range.structured.results.map((r: { id: string }) => r.id).sort()).toEqual(sameDay.sort());
  });

  it.each([
    ['object_type:conversations colour:red', /colour/],
    ['state:open', /object_type/],
    ['object_type:conversations source_type:emial', /did you mean `email`/],
    ['object_type:tickets state:open', /conversations|contacts/],
    ['object_type:conversations created_at:gt:yesterday', /created_at/],
    ['', /object_type/],
  ])('refuses %j before any request', async (query, message) => {
    const out = await h.call('search', { query });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    expect(h.allRequests()).toHaveLength(0);
  });

  it('rejects a missing query argument through the input schema', async () => {
    const out = await h.call('search', {});
    expect(out.isError).toBe(true);
    expect(h.allRequests()).toHaveLength(0);
  });
});
