// Printer: parsed groups → a DSL string that parses back to the same groups. Used to echo a normalized query
// and, in tests, to check the parser round trip. Quoting is kept as written, since it carries meaning (a
// quoted custom-attribute value is text, an unquoted one is typed by its form).
import type { Group, Term } from './parse.js';
import type { ValueInput } from './values.js';

// A bare word re-tokenizes to itself: no whitespace or control characters, no quote, and for names no `:`/`,`.
const BARE_NAME = /^[A-Za-z0-9_.\-]+$/;

function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function printName(name: string): string {
  return BARE_NAME.test(name) ? name : quote(name);
}

function printValue(value: ValueInput): string {
  // An unquoted value came from bare pieces (text, `:` and `,`), so printing it bare gives the same pieces.
  return value.quoted ? quote(value.text) : value.text;
}

function printTerm(term: Term): string {
  if (term.kind === 'special') return `${term.key}:${printValue(term.value)}`;
  const op = term.op === undefined ? '' : `${term.op}:`;
  return `${printName(term.field)}:${op}${term.values.map(printValue).join(',')}`;
}

/** The query for parsed groups: groups separated by spaces, terms of a group joined by ` OR `. */
export function formatQuery(groups: readonly Group[]): string {
  return groups.map((group) => group.map(printTerm).join(' OR ')).join(' ');
}
