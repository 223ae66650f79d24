import { describe, expect, it } from 'vitest';
import { describeRequest, GET_HEADERS, toolHarness } from './harness.js';

describe('get_conversation', () => {
  const h = toolHarness();

  it.each([
    ['1003'],
    ['conversation_1003'],
    ['https://app.intercom.com/a/inbox/abc12345/inbox/conversation/1003'],
  ])('reads %s with one GET /conversations/1003', async (id) => {
    const out = await h.call('get_conversation', { id });
    expect(out.isError).toBe(false);
    expect(h.apiRequests()).toHaveLength(1);
    expect(await describeRequest(h.apiRequests()[0]!)).toEqual({
      method: 'GET',
      url: 'https://api.intercom.io/conversations/1003',
      headers: GET_HEADERS,
      body: undefined,
    });
    expect(out.structured).toMatchObject({ id: '1003', state: expect.any(String), part_offset: 0 });
    expect(out.structured.parts.length).toBe(out.structured.parts_total);
  });

  it('pages a long thread by part_offset without losing or repeating a part', async () => {
    const seen: string[] = [];
    let offset: number | undefined = 0;
    let total = 0;
    for (let guard = 0; offset !== undefined && guard < 20; guard++) {
      const out = await h.call('get_conversation', { id: '1400', part_offset: offset });
      expect(out.isError).toBe(false);
      expect(out.text.length).toBeLessThanOrEqual(100_000);
      total = out.structured.parts_total;
      for (const part of out.structured.parts) seen.push(JSON.stringify(part));
      offset = out.structured.next_part_offset;
    }
    expect(total).toBeGreaterThanOrEqual(400);
    expect(seen.length).toBe(total);
  });

  it('says how to read on after a cut thread, in its own terms', async () => {
    const out = await h.call('get_conversation', { id: '1400' });
    const next = out.structured.next_part_offset as number;
    expect(next).toBeGreaterThan(0);
    expect(out.structured.note).toBe(
      `Showing parts 1-${next} of ${out.structured.parts_total}. Call get_conversation with part_offset: ${next} for the next parts.`,
    );
  });

  it('shows tags with their ids, which search_conversations takes to find the rest', async () => {
    const tagged = h.fake.workspace.conversations.find((c) => (c.tags?.tags.length ?? 0) > 0)!;
    const out = await h.call('get_conversation', { id: tagged.id });
    const tag = out.structured.tags[0];
    expect(tag).toEqual({ id: tagged.tags!.tags[0]!.id, name: tagged.tags!.tags[0]!.name });
    const found = await h.call('search_conversations', { tag_ids: [tag.id], per_page: 150 });
    expect(found.structured.results.map((r: { id: string }) => r.id)).toContain(`conversation_${tagged.id}`);
  });

  it('tells the assistant to use get_contact for a contact id', async () => {
    const out = await h.call('get_conversation', { id: 'contact_6762f1000acb1825c460d835' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/get_contact/);
    expect(h.allRequests()).toHaveLength(0);
  });

  it('rejects a negative part_offset through the schema', async () => {
    const out = await h.call('get_conversation', { id: '1003', part_offset: -1 });
    expect(out.isError).toBe(true);
    expect(h.allRequests()).toHaveLength(0);
  });
});
