import { describe, expect, it } from 'vitest';
import { parse, type Group } from '../../src/query/parse.js';
import { queryError } from './helpers.js';

/** A compact picture of the groups: fields (or special keys) per group, with op and values. */
function shape(groups: Group[]): string[][] {
  return groups.map((g) =>
    g.map((term) =>
      term.kind === 'special'
        ? `${term.key}=${term.value.text}`
        : `${term.field}${term.op === undefined ? '' : ':' + term.op}=${term.values.map((v) => v.text).join('|')}`,
    ),
  );
}

describe('parse: grouping', () => {
  const cases: Array<[string, string[][]]> = [
    ['a:1', [['a=1']]],
    ['a:1 b:2', [['a=1'], ['b=2']]],
    ['a:1 OR b:2', [['a=1', 'b=2']]],
    ['a:1 b:2 OR c:3 d:4', [['a=1'], ['b=2', 'c=3'], ['d=4']]],
    ['a:1 OR b:2 OR c:3', [['a=1', 'b=2', 'c=3']]],
    ['a:1 OR b:2 c:3 OR d:4', [['a=1', 'b=2'], ['c=3', 'd=4']]],
    ['object_type:contacts limit:3', [['object_type=contacts'], ['limit=3']]],
    ['Q:"free text" OR a:1', [['q=free text', 'a=1']]],
  ];
  for (const [input, expected] of cases) {
    it(`groups ${input}`, () => expect(shape(parse(input))).toEqual(expected));
  }
});

describe('parse: terms', () => {
  const cases: Array<[string, string[][]]> = [
    ['created_at:gt:7d', [['created_at:gt=7d']]],
    ['created_at:GTE:7d', [['created_at:gte=7d']]],
    ['state:in:open,snoozed', [['state:in=open|snoozed']]],
    ['tag_ids:nin:"a b",c', [['tag_ids:nin=a b|c']]],
    ['state:IN:open', [['state:in=open']]],
    // A value may contain colons when its first part is not operator-like.
    ['source_url:https://example.com/a', [['source_url=https://example.com/a']]],
    ['created_at:2025-06-01T09:00Z', [['created_at=2025-06-01T09:00Z']]],
    ['source_subject:contains:a:b', [['source_subject:contains=a:b']]],
    ['source_subject:"eq":x', [['source_subject=eq:x']]],
    // Commas are literal outside in/nin.
    ['source_subject:contains:hello,world', [['source_subject:contains=hello,world']]],
    ['starting_after:abc:def==', [['starting_after=abc:def==']]],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${input}`, () => expect(shape(parse(input))).toEqual(expected));
  }

  it('marks quoted values', () => {
    const term = parse('custom_attributes.n:"42" custom_attributes.m:42').map((g) => g[0]!);
    expect(term.map((x) => x.kind === 'filter' && x.values[0]!.quoted)).toEqual([true, false]);
  });
});

describe('parse: errors name the bad token', () => {
  const cases: Array<[string, string[]]> = [
    ['OR a:1', ['`OR` at the start']],
    ['a:1 OR', ['`OR` at the end']],
    ['a:1 OR OR b:2', ['`OR OR`']],
    ['nonsense', ['`nonsense` is not a term', 'q:"nonsense"']],
    ['a:1 AND b:2', ['`AND`', 'AND is implicit']],
    ['a:1 or b:2', ['`or`', 'capitals']],
    [':open', ['missing field name', '`:open`']],
    ['state,x:open', ['unexpected `,`', '`state,x:open`']],
    ['state:', ['missing value', '`state:`']],
    ['created_at:gt:', ['missing value', 'created_at:gt:value']],
    ['state:in:open,,closed', ['empty item', '`state:in:open,,closed`']],
    ['state:in:open,', ['empty item']],
    ['source_body:contain:refund', ['unknown operator `contain`', 'did you mean `contains`?', 'Operators: eq, neq']],
    ['source_body:startswith:x', ['unknown operator `startswith`', 'did you mean `starts_with`?']],
    ['created_at:gtt:7d', ['unknown operator `gtt`', 'did you mean `gt`?']],
    ['created_at:>:7d', ['operator `>`', 'created_at:gt:']],
    ['source_body:~:x', ['operator `~`', 'source_body:contains:']],
    ['(state:open OR state:closed) read:true', ['`(state:open`', 'parentheses are not supported', 'a AND (b OR c)']],
    ['state:open )', ['`)`', 'parentheses are not supported']],
  ];
  for (const [input, fragments] of cases) {
    it(`${input}`, () => {
      const err = queryError(() => parse(input));
      for (const f of fragments) expect(err.message).toContain(f);
    });
  }
});
