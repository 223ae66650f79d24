import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../src/query/index.js';
import { parseDate, parseInteger } from '../../src/query/values.js';
import { NOW, NOW_S, queryError } from './helpers.js';

const JUNE_1 = 1_748_736_000; // 2025-06-01T00:00:00Z

describe('parseDate', () => {
  const ok: Array<[string, number]> = [
    ['0', 0],
    ['1748736000', JUNE_1],
    ['2025-06-01', JUNE_1 + 12 * 3600], // a bare date is noon UTC: the same calendar day in (almost) every zone
    ['2025-06-01T09:00Z', JUNE_1 + 9 * 3600],
    ['2025-06-01T09:00', JUNE_1 + 9 * 3600], // no offset = UTC
    ['2025-06-01 09:00:30Z', JUNE_1 + 9 * 3600 + 30],
    ['2025-06-01t09:00:30.123z', JUNE_1 + 9 * 3600 + 30],
    ['2025-06-01T09:00:30+02:00', JUNE_1 + 7 * 3600 + 30],
    ['2025-06-01T09:00:30-0530', JUNE_1 + 14 * 3600 + 30 * 60 + 30],
    ['2024-02-29', Date.UTC(2024, 1, 29, 12) / 1000],
    ['30s', NOW_S - 30],
    ['30m', NOW_S - 1800],
    ['12h', NOW_S - 43_200],
    ['7d', NOW_S - 604_800],
    ['2w', NOW_S - 1_209_600],
    ['0d', NOW_S],
  ];
  it.each(ok)('%s → %i', (text, seconds) => {
    expect(parseDate(text, NOW)).toEqual({ ok: true, seconds, form: expect.any(String) });
  });

  const bad: Array<[string, string | undefined]> = [
    ['1748736000000', 'milliseconds'],
    ['2025-02-30', 'no such calendar date'],
    ['2025-13-01', 'no such calendar date'],
    ['2025-06-01T24:00Z', 'no such date or time'],
    ['2025-06-01T09:00+25:00', 'bad timezone offset'],
    ['1969-12-31', 'before 1970'],
    ['99999999w', 'before 1970'],
    ['yesterday', undefined],
    ['7 d', undefined],
    ['7D', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['', undefined],
    ['2025-6-1', undefined],
  ];
  it.each(bad)('%j is not a date', (text, hint) => {
    const r = parseDate(text, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      if (hint === undefined) expect(r.hint).toBeUndefined();
      else expect(r.hint).toContain(hint);
    }
  });
});

describe('parseInteger', () => {
  it.each([
    ['42', false, 42], ['-3', false, -3], ['0', false, 0], ['90s', true, 90], ['30m', true, 1800], ['4h', true, 14_400],
    ['2d', true, 172_800], ['1w', true, 604_800], ['1h', false, undefined], ['4.5', true, undefined], ['x', false, undefined],
    ['1234567890123456', false, undefined],
  ] as const)('%s (duration %s) → %s', (text, duration, expected) => {
    expect(parseInteger(text, duration)).toBe(expected);
  });
});

/** The value Intercom receives for `object_type:<o> <term>`, which must be a single filter. */
function valueOf(objectType: string, term: string): unknown {
  const q = parseSearchQuery(`object_type:${objectType} ${term}`, { now: NOW }).body.query;
  if (!('field' in q)) throw new Error('not a single filter');
  return q.value;
}

describe('typing by field type', () => {
  const cases: Array<[string, string, unknown]> = [
    // string
    ['conversations', 'source_subject:Hello', 'Hello'],
    ['conversations', 'source_subject:"two words"', 'two words'],
    ['conversations', 'source_subject:""', ''],
    ['conversations', 'source_subject:123', '123'],
    ['conversations', 'source_subject:true', 'true'],
    // id (string) and numeric id
    ['conversations', 'id:123', '123'],
    ['conversations', 'contact_ids:6762f14a1bb69f9f2193bbb3', '6762f14a1bb69f9f2193bbb3'],
    ['conversations', 'admin_assignee_id:991267715', 991_267_715],
    ['conversations', 'team_assignee_id:0', 0],
    // enum (case-insensitive, canonical value sent)
    ['conversations', 'state:OPEN', 'open'],
    ['conversations', 'source_type:phone_call', 'phone_call'],
    ['conversations', 'priority:urgent', 'urgent'],
    ['contacts', 'role:Lead', 'lead'],
    // boolean
    ['conversations', 'open:true', true],
    ['conversations', 'read:FALSE', false],
    ['contacts', 'has_hard_bounced:true', true],
    // integer and durations
    ['conversations', 'conversation_rating_score:5', 5],
    ['conversations', 'statistics_count_reopens:0', 0],
    ['conversations', 'statistics_time_to_admin_reply:3600', 3600],
    ['conversations', 'statistics_time_to_admin_reply:1h', 3600],
    ['conversations', 'statistics_median_time_to_reply:15m', 900],
    // dates in every form
    ['conversations', 'created_at:1748736000', 1_748_736_000],
    ['contacts', 'created_at:2025-06-01', 1_748_779_200],
    ['conversations', 'created_at:2025-06-01T09:00Z', 1_748_768_400],
    ['conversations', 'updated_at:"2025-06-01T09:00:00+02:00"', 1_748_761_200],
    ['conversations', 'waiting_since:12h', NOW_S - 43_200],
    ['contacts', 'last_seen_at:2w', NOW_S - 1_209_600],
    ['contacts', 'signed_up_at:30m', NOW_S - 1800],
    // custom attributes: typed by form
    ['contacts', 'custom_attributes.plan:pro', 'pro'],
    ['contacts', 'custom_attributes.seats:42', 42],
    ['contacts', 'custom_attributes.code:"42"', '42'],
    ['contacts', 'custom_attributes.vip:true', true],
    ['contacts', 'custom_attributes.vip:"true"', 'true'],
    ['contacts', 'custom_attributes.renewal:2025-06-01', 1_748_779_200],
    ['contacts', 'custom_attributes.renewal:"2025-06-01"', '2025-06-01'],
    ['contacts', 'custom_attributes.note:7d', '7d'],
    ['contacts', 'custom_attributes.Mixed_Case:x', 'x'],
  ];
  it.each(cases)('%s %s → %j', (objectType, term, expected) => {
    expect(valueOf(objectType, term)).toEqual(expected);
  });

  it('custom attribute names keep their case', () => {
    const q = parseSearchQuery('object_type:contacts custom_attributes.Mixed_Case:x', { now: NOW }).body.query;
    expect(q).toEqual({ field: 'custom_attributes.Mixed_Case', operator: '=', value: 'x' });
  });
});

describe('typing errors name the field, the bad value and what is expected', () => {
  const cases: Array<[string, string[]]> = [
    ['object_type:conversations state:opn', ['`state` expects one of open, closed, snoozed', 'got `opn`', 'did you mean `open`?']],
    ['object_type:conversations state:open,closed', ['`state`', 'got `open,closed`', 'state:in:a,b']],
    ['object_type:conversations source_type:mail', ['`source_type`', 'conversation, email', 'did you mean `email`?']],
    ['object_type:conversations priority:hihg', ['`priority`', 'none, low, medium, high, urgent', 'did you mean `high`?']],
    ['object_type:contacts role:admin', ['`role` expects one of user, lead', 'got `admin`']],
    ['object_type:conversations open:yes', ['`open` expects true or false', 'got `yes`']],
    ['object_type:conversations conversation_rating_score:five', ['`conversation_rating_score` expects a whole number', 'got `five`']],
    ['object_type:conversations conversation_rating_score:4.5', ['whole number', '`4.5`']],
    ['object_type:conversations statistics_time_to_admin_reply:soon', ['whole number of seconds', '`soon`']],
    ['object_type:conversations admin_assignee_id:abc', ['`admin_assignee_id` expects a numeric id', '`abc`', 'Use 0 for unassigned']],
    ['object_type:conversations id:""', ['`id` needs a non-empty id']],
    ['object_type:conversations created_at:yesterday', ['`created_at` expects a date', 'unix seconds', '2025-06-01', '7d', 'got `yesterday`']],
    ['object_type:conversations created_at:1748736000000', ['milliseconds', '`1748736000000`']],
    ['object_type:conversations created_at:2025-02-30', ['no such calendar date', '`2025-02-30`']],
    ['object_type:conversations created_at:>7d', ['`>7d`', 'created_at:gt:value']],
    ['object_type:conversations source_body:"need support"', ['word by word', 'source_body:contains:']],
    // Conversation dates are exact seconds: a whole day is a range, and the error says which.
    ['object_type:conversations created_at:2025-06-01', ['exact to the second', 'created_at:gte:2025-06-01 created_at:lt:2025-06-02']],
    ['object_type:conversations updated_at:neq:2025-06-01', ['updated_at:gte:2025-06-01 updated_at:lt:2025-06-02']],
    ['object_type:conversations source_body:contains:""', ['`source_body:contains` needs a non-empty value']],
    ['object_type:contacts custom_attributes.score:1.5', ['decimal', '`1.5`']],
    ['object_type:contacts custom_attributes.score:gt:lots', ['`custom_attributes.score:gt` compares numbers or dates', '`lots`']],
    ['object_type:contacts custom_attributes.vip:in:true,false', ['lists take text or numbers']],
  ];
  it.each(cases)('%s', (query, fragments) => {
    const err = queryError(() => parseSearchQuery(query, { now: NOW }));
    for (const f of fragments) expect(err.message).toContain(f);
  });
});
