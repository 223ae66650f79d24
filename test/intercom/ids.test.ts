import { describe, expect, it } from 'vitest';
import { InvalidIdError, KindMismatchError, parseRecordRef } from '../../src/intercom/ids.js';
import { appUrl, RECORD_KINDS, type RecordKind } from '../../src/intercom/record-kinds.js';
import { REGIONS } from '../../src/intercom/regions.js';
import { recordRef } from '../../src/tools/record-ref.js';

type RecordType = RecordKind;
const conversationAppUrl = (base: string, app: string, id: string) => appUrl('conversation', base, app, id);
const contactAppUrl = (base: string, app: string, id: string) => appUrl('contact', base, app, id);

const CONTACT_ID = '6329bd9ffe4e2e91dac76188';

describe('parseRecordRef accepts', () => {
  const cases: Array<[string, RecordType | undefined, RecordType, string]> = [
    ['conversation_123', undefined, 'conversation', '123'],
    ['  conversation_215471234567890\n', undefined, 'conversation', '215471234567890'],
    ['Conversation_42', 'conversation', 'conversation', '42'],
    [`contact_${CONTACT_ID}`, undefined, 'contact', CONTACT_ID],
    [`contact_${CONTACT_ID}`, 'contact', 'contact', CONTACT_ID],
    ['contact_abc-DEF_123', undefined, 'contact', 'abc-DEF_123'],
    ['123', 'conversation', 'conversation', '123'],
    [CONTACT_ID, 'contact', 'contact', CONTACT_ID],
    ['9'.repeat(64), 'conversation', 'conversation', '9'.repeat(64)],
    // Web-app URLs of every region and the usual page shapes.
    ['https://app.intercom.com/a/inbox/abc123/inbox/conversation/215471', undefined, 'conversation', '215471'],
    ['https://app.eu.intercom.com/a/inbox/abc123/inbox/shared/all/conversation/9001?view=List', undefined, 'conversation', '9001'],
    ['https://app.au.intercom.com/a/inbox/abc123/inbox/admin/5/conversation/77#part_id=comment-1', 'conversation', 'conversation', '77'],
    ['https://app.intercom.com/a/apps/abc123/conversations/555', undefined, 'conversation', '555'],
    [`https://app.intercom.com/a/apps/abc123/users/${CONTACT_ID}/all-conversations`, undefined, 'contact', CONTACT_ID],
    [`https://app.eu.intercom.com/a/apps/abc123/users/${CONTACT_ID}`, 'contact', 'contact', CONTACT_ID],
    [`https://app.au.intercom.com/a/apps/abc123/users/${CONTACT_ID}/attributes`, undefined, 'contact', CONTACT_ID],
    [`https://APP.INTERCOM.COM/a/apps/abc123/contacts/${CONTACT_ID}`, undefined, 'contact', CONTACT_ID],
    [`https://app.intercom.com/a/apps/abc123/users/${CONTACT_ID}/conversations/31`, undefined, 'conversation', '31'],
    ['app.intercom.com/a/inbox/abc123/inbox/conversation/8', undefined, 'conversation', '8'],
  ];
  it.each(cases)('%j (expected %s) -> %s %s', (input, expected, type, id) => {
    expect(parseRecordRef(input, expected)).toEqual({ kind: type, id });
  });
});

// Refusals as the assistant reads them: parseRecordRef, plus the tool layer's hint for an id of another kind.
describe('recordRef refuses', () => {
  const cases: Array<[string, RecordType | undefined, RegExp]> = [
    ['', undefined, /id is required/],
    ['   \t', 'conversation', /id is required/],
    ['123', undefined, /which kind of record/],
    [CONTACT_ID, undefined, /which kind of record/],
    ['conversation_', undefined, /empty/],
    ['contact_', 'contact', /empty/],
    ['../../me', 'conversation', /only digits/],
    ['../../me', 'contact', /only letters/],
    ['conversation_../../me', undefined, /only digits/],
    ['contact_../me', undefined, /only letters/],
    ['conversation_12/../../me', undefined, /only digits/],
    ['contact_%2e%2e', undefined, /only letters/],
    ['conversation_1?x=1', undefined, /only digits/],
    ['conversation_12 34', undefined, /only digits/],
    ['conversation_１２３', undefined, /only digits/],
    [`conversation_${'1'.repeat(65)}`, undefined, /too long/],
    [`contact_${'a'.repeat(65)}`, undefined, /too long/],
    ['conversation_abc', undefined, /only digits/],
    [`conversation_${CONTACT_ID}`, undefined, /looks like a contact id: use get_contact/],
    [CONTACT_ID, 'conversation', /looks like a contact id: use get_contact/],
    // Wrong tool for the type.
    [`contact_${CONTACT_ID}`, 'conversation', /use get_contact/],
    ['conversation_123', 'contact', /use get_conversation/],
    ['https://app.intercom.com/a/inbox/abc/inbox/conversation/1', 'contact', /use get_conversation/],
    // URLs of other hosts or schemes, and Intercom URLs without a record.
    ['https://evil.example.com/a/inbox/abc/inbox/conversation/1', undefined, /Only Intercom app URLs/],
    ['https://app.intercom.com.evil.example/a/inbox/abc/inbox/conversation/1', undefined, /Only Intercom app URLs/],
    ['https://api.intercom.io/conversations/1', undefined, /Only Intercom app URLs/],
    ['https://user:pass@app.intercom.com/a/inbox/abc/inbox/conversation/1', undefined, /Only Intercom app URLs/],
    ['https://app.intercom.com:8443/a/inbox/abc/inbox/conversation/1', undefined, /Only Intercom app URLs/],
    ['ftp://app.intercom.com/a/inbox/abc/inbox/conversation/1', undefined, /Only Intercom app URLs/],
    ['javascript://app.intercom.com/%0aalert(1)', undefined, /Only Intercom app URLs/],
    ['https://app.intercom.com/a/apps/abc/users/segments/active', undefined, /does not point at a conversation, a contact, a company or an article/],
    ['https://app.intercom.com/a/inbox/abc/inbox/conversation/../../me', undefined, /does not point/],
    ['https://app.intercom.com/a/apps/abc/conversations/search', undefined, /does not point/],
    ['https://app.intercom.com/', undefined, /does not point/],
  ];
  it.each(cases)('%j (expected %s)', (input, expected, message) => {
    let caught: unknown;
    try {
      recordRef(input, expected);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidIdError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).name).toBe('InvalidIdError');
  });

  it('every refusal says what a valid id looks like or which tool to use', () => {
    for (const [input, expected] of cases) {
      try {
        recordRef(input, expected);
      } catch (error) {
        expect((error as Error).message).toMatch(/conversation_<digits>|use get_co/);
      }
    }
  });

  it('refuses a non-string at runtime (input from a model)', () => {
    expect(() => parseRecordRef(undefined as unknown as string)).toThrow(InvalidIdError);
  });

  it('the intercom layer names no tool: an id of another kind says what it is, the tool layer says where to go', () => {
    const mismatches: Array<[string, RecordKind, RecordKind, string]> = [
      [`contact_${CONTACT_ID}`, 'conversation', 'contact', CONTACT_ID],
      [CONTACT_ID, 'conversation', 'contact', CONTACT_ID],
      [`conversation_${CONTACT_ID}`, 'conversation', 'contact', CONTACT_ID],
      ['conversation_123', 'contact', 'conversation', '123'],
    ];
    for (const [input, expected, kind, id] of mismatches) {
      let caught: unknown;
      try {
        parseRecordRef(input, expected === 'conversation' && input.startsWith('conversation_') ? undefined : expected);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(KindMismatchError);
      expect((caught as KindMismatchError).found).toEqual({ kind, id });
      expect((caught as Error).message).not.toMatch(/get_|fetch/);
    }
    // Sent to the tool of the kind it is, an unmistakable id is simply read.
    expect(recordRef(`conversation_${CONTACT_ID}`, 'contact')).toEqual({ kind: 'contact', id: CONTACT_ID });
    expect(() => recordRef(`contact_${CONTACT_ID}`, 'conversation')).toThrow(
      `That is a contact, not a conversation: use get_contact (or fetch with "contact_${CONTACT_ID}") instead.`,
    );
  });
});

describe('app URLs', () => {
  it.each(Object.entries(REGIONS))('%s: links round-trip through parseRecordRef', (_region, { appBaseUrl }) => {
    const conversation = conversationAppUrl(appBaseUrl, 'abc123', '215471');
    expect(conversation).toBe(`${appBaseUrl}/a/inbox/abc123/inbox/conversation/215471`);
    expect(parseRecordRef(conversation)).toEqual({ kind: 'conversation', id: '215471' });

    const contact = contactAppUrl(appBaseUrl, 'abc123', CONTACT_ID);
    expect(contact).toBe(`${appBaseUrl}/a/apps/abc123/users/${CONTACT_ID}/all-conversations`);
    expect(parseRecordRef(contact)).toEqual({ kind: 'contact', id: CONTACT_ID });
    expect(RECORD_KINDS.map((kind) => parseRecordRef(appUrl(kind, appBaseUrl, 'x1', kind === 'conversation' || kind === 'article' ? '9' : CONTACT_ID)).kind)).toEqual([...RECORD_KINDS]);
  });

  it('tolerates a trailing slash and encodes path segments', () => {
    expect(conversationAppUrl('https://app.intercom.com/', 'a/b', '1')).toBe('https://app.intercom.com/a/inbox/a%2Fb/inbox/conversation/1');
    expect(contactAppUrl('https://app.eu.intercom.com//', 'x', 'y z')).toBe('https://app.eu.intercom.com/a/apps/x/users/y%20z/all-conversations');
  });
});
