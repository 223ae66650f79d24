// Shared by the query tests: error capture and a validator for the spec's `search_request` schema.
import { readFileSync } from 'node:fs';
import { QueryError } from '../../src/query/index.js';
import { prng } from '../../src/demo/prng.js';

export const NOW = new Date('2025-06-15T10:00:00Z');
export const NOW_S = 1_749_981_600;

export const SPEC_TEXT = readFileSync(new URL('../../spec/intercom/api.intercom.io.yaml', import.meta.url), 'utf8');

/** Run fn, expect a QueryError, return it. */
export function queryError(fn: () => unknown): QueryError {
  try {
    fn();
  } catch (err) {
    if (err instanceof QueryError) return err;
    throw new Error(`expected a QueryError, got ${String(err)}`);
  }
  throw new Error('expected a QueryError, got success');
}

/** The text of one path's block in the spec (from its key to the next top-level path). */
export function pathBlock(path: string): string {
  const start = SPEC_TEXT.indexOf(`\n  "${path}":\n`);
  if (start < 0) throw new Error(`path ${path} not in spec`);
  const end = SPEC_TEXT.indexOf('\n  "/', start + 5);
  return SPEC_TEXT.slice(start, end);
}

/** The block of one component schema. */
export function schemaBlock(name: string): string {
  const start = SPEC_TEXT.indexOf(`\n    ${name}:\n`);
  if (start < 0) throw new Error(`schema ${name} not in spec`);
  const rest = SPEC_TEXT.slice(start + 1);
  const next = rest.slice(1).search(/\n    [a-z_]+:\n/);
  return rest.slice(0, next + 1);
}

/** Operators allowed by single_filter_search_request, read from the spec. */
export const SPEC_FILTER_OPERATORS: readonly string[] = (() => {
  const block = schemaBlock('single_filter_search_request');
  const opBlock = block.slice(block.indexOf('operator:'), block.indexOf('description:', block.indexOf('operator:')));
  return [...opBlock.matchAll(/^\s+- "?([^"\n]+)"?$/gm)].map((m) => m[1]!);
})();

type Json = unknown;

function isObject(x: Json): x is Record<string, Json> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function singleErrors(x: Json, path: string): string[] {
  if (!isObject(x)) return [`${path}: not an object`];
  const errs: string[] = [];
  for (const k of Object.keys(x)) if (!['field', 'operator', 'value'].includes(k)) errs.push(`${path}: extra key ${k}`);
  if (typeof x.field !== 'string' || x.field === '') errs.push(`${path}.field: not a string`);
  if (typeof x.operator !== 'string' || !SPEC_FILTER_OPERATORS.includes(x.operator)) errs.push(`${path}.operator: ${String(x.operator)}`);
  const v = x.value;
  const scalarOk = (s: Json): boolean => typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s));
  if (Array.isArray(v)) {
    if (!v.every(scalarOk)) errs.push(`${path}.value: array items must be strings or integers`);
  } else if (!(scalarOk(v) || typeof v === 'boolean')) {
    errs.push(`${path}.value: bad type`);
  }
  return errs;
}

function multipleErrors(x: Json, path: string, depth: number): string[] {
  if (!isObject(x)) return [`${path}: not an object`];
  const errs: string[] = [];
  if (x.operator !== 'AND' && x.operator !== 'OR') errs.push(`${path}.operator: ${String(x.operator)}`);
  const v = x.value;
  if (!Array.isArray(v) || v.length === 0) return [...errs, `${path}.value: not a non-empty array`];
  if (v.length > 15) errs.push(`${path}.value: ${v.length} filters > 15`);
  if (depth > 2) errs.push(`${path}: nested deeper than 2 groups`);
  // oneOf: all groups or all single filters.
  const allSingle = v.every((item, i) => singleErrors(item, `${path}[${i}]`).length === 0);
  const allMultiple = v.every((item, i) => multipleErrors(item, `${path}[${i}]`, depth + 1).length === 0);
  if (allSingle === allMultiple) errs.push(`${path}.value: must be all single filters or all groups (${JSON.stringify(v).slice(0, 200)})`);
  return errs;
}

/** Errors of a body against the spec's search_request (oneOf read strictly), plus Intercom's nesting limits. */
export function searchRequestErrors(body: Json): string[] {
  if (!isObject(body)) return ['body: not an object'];
  const errs: string[] = [];
  for (const k of Object.keys(body)) if (!['query', 'pagination'].includes(k)) errs.push(`extra key ${k}`);
  const single = singleErrors(body.query, 'query').length === 0;
  const multiple = multipleErrors(body.query, 'query', 1).length === 0;
  if (single === multiple) errs.push(`query: matches ${single ? 'both' : 'neither'} filter schema: ${[...singleErrors(body.query, 'query'), ...multipleErrors(body.query, 'query', 1)].join('; ')}`);
  const p = body.pagination;
  if (p !== undefined) {
    if (!isObject(p)) errs.push('pagination: not an object');
    else {
      if (p.per_page !== undefined && !(Number.isInteger(p.per_page) && (p.per_page as number) >= 1 && (p.per_page as number) <= 150)) errs.push('pagination.per_page');
      if (p.starting_after !== undefined && typeof p.starting_after !== 'string') errs.push('pagination.starting_after');
    }
  }
  return errs;
}

export { prng };
