// Company filters. Intercom has no search endpoint for companies: GET /companies takes `name`,
// `company_id`, `tag_id` or `segment_id` as query parameters (2.16, "Retrieve companies"), each an exact
// match, and the records layer sends one list call (records/company.ts). So the DSL allows exactly those
// four fields, `eq` only, at most one of them, and no OR or q:.
import { spec, type FieldSpec, type ObjectCatalogue } from '../field-spec.js';

export const COMPANY_FIELDS: readonly FieldSpec[] = [
  spec('name', 'string', ['eq']),
  spec('company_id', 'string', ['eq']),
  spec('tag_id', 'id', ['eq']),
  spec('segment_id', 'id', ['eq']),
];

export const COMPANIES: ObjectCatalogue = {
  fields: COMPANY_FIELDS,
  freeText: [],
  comparisons: 'seconds',
  customAttributes: false,
  filtering: {
    kind: 'list-filters',
    maxFilters: 1,
    why: 'Intercom lists companies by one exact filter (name, company_id, tag_id or segment_id) or none for all, most recently active first',
  },
  cheatsheet: 'Companies (one filter or none): name company_id tag_id segment_id.',
};
