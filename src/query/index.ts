// The search query layer: pure functions from a DSL string or structured arguments to an Intercom search body.
export { QueryError } from './errors.js';
export {
  DSL_CHEATSHEET, searchableFields, fieldCatalogue, OPERATOR_WORDS,
  type ObjectType, type FieldSpec, type FieldType, type DslOperator,
} from './fields.js';
export { parseSearchQuery, MAX_QUERY_LENGTH, MAX_PER_PAGE, DEFAULT_PER_PAGE, type TranslatedQuery } from './translate.js';
export {
  buildConversationSearch, buildContactSearch, buildCompanyList, type CompanyListArgs,
  type ComparisonOperator, type Comparison, type ConversationSearchArgs, type ContactSearchArgs,
} from './structured.js';
export { parse as parseQueryTerms, type Group, type Term, type FilterTerm, type SpecialTerm } from './parse.js';
export { formatQuery } from './format.js';
