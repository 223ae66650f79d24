import { describe, expect, it } from 'vitest';
import { describeRequest, GET_HEADERS, toolHarness } from './harness.js';

describe('fetch', () => {
  const h = toolHarness();

  it('fetches a prefixed conversation id with one GET and returns the readable thread', async () => {
    const out = await h.call('fetch', { id: 'conversation_1003' });
    expect(out.isError).toBe(false);
    expect(h.apiRequests()).toHaveLength(1);
    expect(await describeRequest(h.apiRequests()[0]!)).toEqual({
      method: 'GET',
      url: 'https://api.intercom.io/conversations/1003',
      headers: GET_HEADERS,
      body: undefined,
    });
    expect(Object.keys(out.structured).sort()).toEqual(['id', 'metadata', 'text', 'title', 'url']);
    expect(out.structured.id).toBe('conversation_1003');
    expect(out.structured.url).toBe('https://app.intercom.com/a/inbox/abc12345/inbox/conversation/1003');
    // HTML became text with its links kept.
    expect(out.structured.text).toMatch(/\(https:\/\/[^)]+\)/);
    expect(out.structured.text).not.toMatch(/<(p|a|br|div)[\s>]/);
  });

  it('points at get_conversation, which takes part_offset, to read the rest of a long thread', async () => {
    const out = await h.call('fetch', { id: 'conversation_1400' });
    const { next_part_offset: next, parts_total: total, note } = out.structured.metadata;
    expect(next).toBeGreaterThan(0);
    expect(note).toBe(`Showing parts 1-${next} of ${total}. Call get_conversation with part_offset: ${next} for the next parts.`);
    expect(out.structured.text.endsWith(`\n(${note})`)).toBe(true);
  });

  it('fetches a contact by prefixed id', async () => {
    const id = h.fake.workspace.contacts[0]!.id;
    const out = await h.call('fetch', { id: `contact_${id}` });
    expect(out.isError).toBe(false);
    expect(await describeRequest(h.apiRequests()[0]!)).toMatchObject({ method: 'GET', url: `https://api.intercom.io/contacts/${id}` });
    expect(out.structured.id).toBe(`contact_${id}`);
    expect(out.structured.url).toBe(`https://app.intercom.com/a/apps/abc12345/users/${id}/all-conversations`);
  });

  it('accepts an Intercom web-app URL of any region', async () => {
    const out = await h.call('fetch', { id: 'https://app.eu.intercom.com/a/inbox/abc12345/inbox/conversation/1003' });
    expect(out.isError).toBe(false);
    expect(new URL(h.apiRequests()[0]!.url).pathname).toBe('/conversations/1003');
  });

  it('strips invisible and bidirectional characters from Intercom text', async () => {
    const out = await h.call('fetch', { id: 'conversation_1007' });
    expect(out.isError).toBe(false);
    expect(out.text).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
  });

  it.each(['../../me', 'conversation_', '1003', 'https://evil.example.com/conversation/1003', 'contact_../x', ' '])(
    'refuses %j without a request',
    async (id) => {
      const out = await h.call('fetch', { id });
      expect(out.isError).toBe(true);
      expect(out.text.length).toBeGreaterThan(20);
      expect(h.allRequests()).toHaveLength(0);
    },
  );

  it('a missing record is a clear not-found answer', async () => {
    const out = await h.call('fetch', { id: 'conversation_999999' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/not found/i);
  });
});
