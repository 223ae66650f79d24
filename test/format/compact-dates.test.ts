import { describe, expect, it } from 'vitest';
import { compact } from '../../src/format/compact.js';
import { isoDate, isoDay, isoMinute } from '../../src/format/dates.js';

describe('compact', () => {
  it('keeps an own "__proto__" key from upstream JSON as data, without touching the prototype', () => {
    const input = JSON.parse('{"__proto__":{"polluted":1},"name":"x","empty":null}') as Record<string, unknown>;
    const out = compact(input);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":1},"name":"x"}');
  });

  it('drops null, undefined, empty strings, arrays and objects recursively; keeps 0 and false', () => {
    const input = {
      a: null,
      b: undefined,
      c: '',
      d: [],
      e: {},
      f: 0,
      g: false,
      h: { i: null, j: { k: [] } },
      l: [null, '', { m: null }, 1, [[]], 'x'],
      n: Number.NaN,
      o: 'kept',
    };
    expect(compact(input)).toEqual({ f: 0, g: false, l: [1, 'x'], o: 'kept' });
  });

  it.each([
    [{}, {}],
    [[], []],
    [{ a: null }, {}],
    [[null], []],
    ['', undefined],
    [0, 0],
    [false, false],
  ])('compact(%j) -> %j', (input, expected) => {
    expect(compact(input)).toEqual(expected);
  });

  it('does not mutate its input', () => {
    const input = { a: null, b: { c: '' } };
    compact(input);
    expect(input).toEqual({ a: null, b: { c: '' } });
  });
});

describe('dates', () => {
  it.each([
    [1748768400, '2025-06-01T09:00:00Z'],
    [1748768401.9, '2025-06-01T09:00:01Z'],
    [0, undefined],
    [-5, undefined],
    [null, undefined],
    [undefined, undefined],
    [Number.NaN, undefined],
    [1e15, undefined],
  ])('isoDate(%s) = %s', (input, expected) => {
    expect(isoDate(input)).toBe(expected);
  });

  it('isoDay and isoMinute', () => {
    expect(isoDay(1748768400)).toBe('2025-06-01');
    expect(isoMinute(1748768459)).toBe('09:00Z');
    expect(isoDay(null)).toBeUndefined();
    expect(isoMinute(undefined)).toBeUndefined();
  });
});
