import { describe, expect, it } from 'vitest';
import { maskToken } from '../../src/credentials/mask.js';

describe('maskToken', () => {
  it.each([
    ['dG9rZW4tZm9yLXRlc3RzLW9ubHktOWY4ZTdkNmM1YjRhXk2', 'dG9r********'],
    ['abcdefghijklmnop', 'abcd********'],
    ['abcdefgh', 'ab********'],
    ['abc', '********'],
    ['', '********'],
  ])('%j shows at most its first 4 characters: %j', (token, masked) => {
    expect(maskToken(token)).toBe(masked);
  });

  it('never tells the length', () => {
    expect(maskToken('a'.repeat(20)).length).toBe(maskToken('a'.repeat(200)).length);
  });
});
