import { describe, expect, it } from 'vitest';
import { formatContactDocument, summarizeContact } from '../../src/format/contact.js';
import { formatConversationDocument, projectConversation } from '../../src/format/conversation/index.js';
import { plural } from '../../src/format/index.js';
import { NO_LINKS } from '../../src/format/links.js';
import { resultPage } from '../../src/format/page.js';
import type { Conversation } from '../../src/intercom/types.js';
import { BASE_TIME, buildContact, part } from '../fixtures/format/builders.js';

describe('plural', () => {
  it.each([
    [0, 'part', undefined, '0 parts'],
    [1, 'part', undefined, '1 part'],
    [2, 'part', undefined, '2 parts'],
    [5000, 'char', undefined, '5000 chars'],
    [1, 'match', 'matches', '1 match'],
    [3, 'match', 'matches', '3 matches'],
    [1, 'company', 'companies', '1 company'],
    [0, 'company', 'companies', '0 companies'],
  ])('plural(%i, %j, %j) is %j', (count, singular, pluralForm, expected) => {
    expect(plural(count, singular, pluralForm)).toBe(expected);
  });
});

describe('counts in the text read as English', () => {
  const threeParts: Conversation = {
    id: '3',
    conversation_parts: {
      conversation_parts: [0, 1, 2].map((i) => part({ body: `<p>message ${i}</p>`, created_at: BASE_TIME + 60 * i }, i)),
      total_count: 3,
    },
  };

  it('a window of one part says "part N", not "parts N-N"', () => {
    expect(projectConversation(threeParts, NO_LINKS, { partOffset: 2 }).note).toBe('Showing part 3 of 3.');
    expect(projectConversation(threeParts, NO_LINKS, { partOffset: 1 }).note).toBe('Showing parts 2-3 of 3.');
    const huge: Conversation = {
      ...threeParts,
      conversation_parts: {
        conversation_parts: [part({ body: `<p>${'x'.repeat(5_000)}</p>`, created_at: BASE_TIME }, 0), ...(threeParts.conversation_parts?.conversation_parts ?? [])],
        total_count: 4,
      },
    };
    const doc = formatConversationDocument(huge, NO_LINKS, { maxChars: 1_000, continueHint: (n) => `Go on at ${n}.` });
    expect(doc.metadata.note).toBe('Showing part 1 of 4. Go on at 1.');
    expect(doc.metadata.parts_shown).toBe('1-1'); // the structured range keeps its one shape
  });

  it('a one-part conversation has "1 part"', () => {
    const one: Conversation = { id: '1', conversation_parts: { conversation_parts: [part({ body: '<p>hi</p>' }, 0)], total_count: 1 } };
    expect(projectConversation(one, NO_LINKS, { partOffset: 4 }).note).toBe('No parts at part_offset 4; the conversation has 1 part.');
    const capped: Conversation = { id: '2', conversation_parts: { conversation_parts: [], total_count: 1 } };
    expect(formatConversationDocument(capped, NO_LINKS).metadata.note).toBe('Intercom returned only the first 0 of 1 part.');
  });

  it('a page of one match says "1 match"', () => {
    const results = [{ id: 'conversation_1', title: 't', text: 'x' }];
    const more = { next: { starting_after: 'abc' } };
    expect(resultPage(results, 1, more, (c) => `pass ${c}`)._note).toBe('This page has 1 of 1 match. For the next page, pass abc.');
    expect(resultPage(results, 2, more, (c) => `pass ${c}`)._note).toBe('This page has 1 of 2 matches. For the next page, pass abc.');
  });

  it('a contact with one unlisted tag, company or note says so in the singular', () => {
    const one = { type: 'list', data: [], total_count: 1, has_more: true };
    const c = buildContact({ tags: one, companies: one, notes: one });
    const lines = formatContactDocument(c, NO_LINKS).text.split('\n');
    expect(lines).toEqual(expect.arrayContaining(['Tags: 1 tag', 'Companies: 1 company', 'Notes: 1 note']));
    expect(summarizeContact(c, NO_LINKS).text).toContain('| 1 company |');
    const two = { type: 'list', data: [], total_count: 2 };
    expect(formatContactDocument(buildContact({ tags: two, companies: two, notes: two }), NO_LINKS).text).toContain('Tags: 2 tags\nCompanies: 2 companies\nNotes: 2 notes');
  });
});
