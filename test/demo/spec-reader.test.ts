import { describe, expect, it } from 'vitest';
import { exampleKeys, schemaProperties } from './spec-reader.js';

describe('spec reader', () => {
  it('reads schema properties', () => {
    expect(schemaProperties('error')).toEqual(['type', 'request_id', 'errors']);
    expect(schemaProperties('cursor_pages')).toEqual(['type', 'page', 'next', 'per_page', 'total_pages']);
  });
  it('reads example keys', () => {
    expect(exampleKeys('/conversations/{conversation_id}', 'get', '404')).toEqual(['type', 'request_id', 'errors']);
    expect(exampleKeys('/me', 'get', '200')).toContain('app');
  });
});
