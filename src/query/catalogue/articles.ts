// Help Center article filters. Intercom has no POST search for articles: GET /articles/search takes
// `phrase`, `state` (published, draft or all) and `help_center_id` as query parameters (2.16, "Search for
// articles"), and the records layer sends that one call (records/article.ts). So the DSL allows those
// three, `eq` only, each once, no OR; `phrase` is the one free-text field, so q:"..." is the phrase.
import { ARTICLE_STATES } from '../../intercom/vocabulary.js';
import { spec, type FieldSpec, type ObjectCatalogue } from '../field-spec.js';

export const ARTICLE_FIELDS: readonly FieldSpec[] = [
  spec('phrase', 'string', ['eq']),
  spec('state', 'enum', ['eq'], { values: ARTICLE_STATES }),
  spec('help_center_id', 'id', ['eq']),
];

export const ARTICLES: ObjectCatalogue = {
  fields: ARTICLE_FIELDS,
  freeText: ['phrase'],
  comparisons: 'seconds',
  customAttributes: false,
  filtering: {
    kind: 'list-filters',
    maxFilters: 3,
    why: 'Intercom finds articles by a phrase, a state (published, draft, all) and a help center, each at most once',
  },
  cheatsheet: 'Articles (q: is the phrase; published unless state:draft|all; no paging): state help_center_id.',
};
