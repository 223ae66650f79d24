import { describe, expect, it } from 'vitest';
import { ARTICLE_FIELDS, catalogueOf, DSL_CHEATSHEET, searchableFields } from '../../src/query/fields.js';
import { parseSearchQuery } from '../../src/query/index.js';
import { listQueryOf } from '../../src/records/define-record-kind.js';
import { NOW, queryError } from './helpers.js';

// object_type:articles: the three query parameters of GET /articles/search (2.16), `phrase` being q:.
const parse = (q: string) => parseSearchQuery(q, { now: NOW });

describe('object_type:articles in the DSL', () => {
  it('catalogues phrase, state and help_center_id, eq only, with phrase as the free text', () => {
    expect(searchableFields('articles')).toEqual(['phrase', 'state', 'help_center_id']);
    expect(ARTICLE_FIELDS.every((f) => f.operators.join() === 'eq')).toBe(true);
    expect(ARTICLE_FIELDS.find((f) => f.name === 'state')?.values).toEqual(['published', 'draft', 'all']);
    expect(catalogueOf('articles')).toMatchObject({ freeText: ['phrase'], filtering: { kind: 'list-filters', maxFilters: 3 } });
    expect(DSL_CHEATSHEET).toContain('Articles (');
    expect(DSL_CHEATSHEET).toContain('object_type:conversations|contacts|companies|articles');
  });

  it('q:"..." is the phrase; state and help_center_id are AND-ed parameters; the singular works', () => {
    const { objectType, body } = parse('object_type:article q:"reset password" state:all help_center_id:202 limit:3');
    expect(objectType).toBe('articles');
    expect(body).toEqual({
      query: {
        operator: 'AND',
        value: [
          { field: 'state', operator: '=', value: 'all' },
          { field: 'help_center_id', operator: '=', value: '202' },
          { field: 'phrase', operator: '~', value: 'reset password' },
        ],
      },
      pagination: { per_page: 3 },
    });
    expect(listQueryOf(body)).toEqual({ filters: { state: 'all', help_center_id: '202', phrase: 'reset password' }, perPage: 3, startingAfter: undefined });
  });

  it('no filter is every article: an empty AND', () => {
    expect(listQueryOf(parse('object_type:articles').body).filters).toEqual({});
  });

  it.each([
    ['object_type:articles state:archived', /state.*published, draft, all|published\|draft\|all/],
    ['object_type:articles q:a OR state:all', /articles take no OR/],
    ['object_type:articles q:a phrase:b', /`phrase` appears twice/],
    ['object_type:articles state:gt:draft', /operator|eq/],
    ['object_type:articles author_id:1', /not searchable for articles.*Searchable: phrase, state, help_center_id/],
  ])('%s is refused with what to send', (q, message) => {
    expect(queryError(() => parse(q)).message).toMatch(message);
  });
});
