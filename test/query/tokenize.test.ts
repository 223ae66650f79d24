import { describe, expect, it } from 'vitest';
import { QueryError } from '../../src/query/index.js';
import { tokenize, type Piece } from '../../src/query/tokenize.js';
import { queryError } from './helpers.js';

const t = (text: string, quoted = false): Piece => ({ kind: 'text', text, quoted });
const C: Piece = { kind: 'colon' };
const K: Piece = { kind: 'comma' };

describe('tokenize', () => {
  const cases: Array<[string, Piece[][]]> = [
    ['state:open', [[t('state'), C, t('open')]]],
    ['  a:1\t\nb:2  ', [[t('a'), C, t('1')], [t('b'), C, t('2')]]],
    ['OR', [[t('OR')]]],
    ['source_subject:contains:"order #123"', [[t('source_subject'), C, t('contains'), C, t('order #123', true)]]],
    ['x:"a \\"quoted\\" word"', [[t('x'), C, t('a "quoted" word', true)]]],
    ['x:"back\\\\slash"', [[t('x'), C, t('back\\slash', true)]]],
    ['x:"other \\n escape"', [[t('x'), C, t('other \\n escape', true)]]],
    ['x:""', [[t('x'), C, t('', true)]]],
    ['x:"a:b,c"', [[t('x'), C, t('a:b,c', true)]]],
    ['x:in:a,"b c",d', [[t('x'), C, t('in'), C, t('a'), K, t('b c', true), K, t('d')]]],
    ['custom_attributes."plan type":pro', [[t('custom_attributes.plan type', true), C, t('pro')]]],
    ['x:a,,b', [[t('x'), C, t('a'), K, K, t('b')]]],
    ['héllo:wörld 😀:ok', [[t('héllo'), C, t('wörld')], [t('😀'), C, t('ok')]]],
    ['a:1\u00a0b:2\u3000c:3', [[t('a'), C, t('1')], [t('b'), C, t('2')], [t('c'), C, t('3')]]],
    ['a:1\u0000b:2', [[t('a'), C, t('1')], [t('b'), C, t('2')]]],
    ['x:"tab\tinside"', [[t('x'), C, t('tab\tinside', true)]]],
    ['', []],
  ];
  for (const [input, expected] of cases) {
    it(`splits ${JSON.stringify(input)}`, () => {
      expect(tokenize(input).map((term) => term.pieces)).toEqual(expected);
    });
  }

  it('keeps each term raw text and offset', () => {
    const terms = tokenize('a:1  b:"x y"');
    expect(terms.map((x) => [x.raw, x.start])).toEqual([['a:1', 0], ['b:"x y"', 5]]);
  });

  it.each([
    ['x:"open', '`"open`'],
    ['a:1 b:"never \\" closed', '`"never \\" closed`'],
    ['x:"ends with backslash\\"', 'position 2'],
  ])('unterminated quote in %j is a QueryError naming it', (input, fragment) => {
    const err = queryError(() => tokenize(input));
    expect(err).toBeInstanceOf(QueryError);
    expect(err.message).toContain('unterminated quote');
    expect(err.message).toContain(fragment);
  });
});
