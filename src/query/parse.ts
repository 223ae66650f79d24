// Parser: terms → groups. Whitespace-separated groups are ANDed; `OR` between two terms joins them into one
// group, so `a b OR c d` is a AND (b OR c) AND d. Field names are resolved later, once object_type is known.
import { QueryError, show } from './errors.js';
import { OPERATOR_WORDS, SPECIAL_KEYS, isOperatorWord, type DslOperator } from './fields.js';
import { didYouMean, editDistance } from './suggest.js';
import { tokenize, type Piece, type RawTerm } from './tokenize.js';
import type { ValueInput } from './values.js';

export type SpecialKey = (typeof SPECIAL_KEYS)[number];

export interface FilterTerm {
  readonly kind: 'filter';
  readonly raw: string;
  /** The field as written (resolved against the catalogue later). */
  readonly field: string;
  /** Absent means eq. */
  readonly op: DslOperator | undefined;
  /** One value, or the items of an in/nin list. */
  readonly values: readonly ValueInput[];
}

export interface SpecialTerm {
  readonly kind: 'special';
  readonly raw: string;
  readonly key: SpecialKey;
  readonly value: ValueInput;
}

export type Term = FilterTerm | SpecialTerm;
/** One term, or several joined by OR. */
export type Group = readonly Term[];

/** Intercom's symbols, which the DSL spells as words. */
const SYMBOL_WORDS: Readonly<Record<string, DslOperator>> = {
  '=': 'eq', '!=': 'neq', '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte',
  '~': 'contains', '!~': 'not_contains', '^': 'starts_with', '$': 'ends_with',
};

const OPERATOR_LIST = OPERATOR_WORDS.join(', ');

/** Concatenate pieces back into one value, `:` and `,` being literal. */
function joinPieces(pieces: readonly Piece[]): ValueInput {
  let text = '';
  let quoted = false;
  for (const p of pieces) {
    if (p.kind === 'text') {
      text += p.text;
      quoted ||= p.quoted;
    } else {
      text += p.kind === 'colon' ? ':' : ',';
    }
  }
  return { text, quoted };
}

/** Could this unknown word be a mistyped operator (rather than the start of a value that contains a colon)? */
function looksLikeOperator(word: string): boolean {
  if (!/^[a-z_]{1,20}$/i.test(word)) return false;
  const w = word.toLowerCase();
  return OPERATOR_WORDS.some((op) => editDistance(w, op) <= (op.length <= 4 ? 1 : 2));
}

function parseTerm(term: RawTerm): Term {
  const { pieces, raw } = term;
  const first = pieces[0];
  if (first === undefined) throw new QueryError(`empty term ${show(raw)}.`);
  if (first.kind === 'text' && !first.quoted && (first.text.startsWith('(') || first.text === ')')) {
    throw new QueryError(
      `${show(raw)}: parentheses are not supported. Terms are ANDed and OR joins its two neighbours, so \`a b OR c\` means a AND (b OR c).`,
    );
  }
  if (first.kind !== 'text') {
    throw new QueryError(`missing field name in ${show(raw)}: write field:value, e.g. state:open.`);
  }
  const second = pieces[1];
  if (second === undefined) {
    const word = first.text;
    if (/^and$/i.test(word) && !first.quoted) {
      throw new QueryError(`${show(word)}: AND is implicit; just separate terms with spaces (e.g. state:open source_type:email).`);
    }
    if (/^or$/i.test(word) && !first.quoted) {
      throw new QueryError(`${show(word)}: write OR in capitals, between two terms (e.g. state:open OR state:snoozed).`);
    }
    throw new QueryError(
      `${show(raw)} is not a term: write field:value (e.g. state:open), or q:"${word.replace(/["\\]/g, '')}" to search text.`,
    );
  }
  if (second.kind !== 'colon') {
    throw new QueryError(`unexpected \`,\` after the field name in ${show(raw)}: write field:value or field:in:a,b.`);
  }
  const field = first.text;
  const rest = pieces.slice(2);
  const key = field.toLowerCase();
  if ((SPECIAL_KEYS as readonly string[]).includes(key)) {
    return { kind: 'special', raw, key: key as SpecialKey, value: joinPieces(rest) };
  }

  let op: DslOperator | undefined;
  let valuePieces = rest;
  const maybeOp = rest[0];
  if (maybeOp?.kind === 'text' && !maybeOp.quoted && rest[1]?.kind === 'colon') {
    const word = maybeOp.text.toLowerCase();
    if (isOperatorWord(word)) {
      op = word;
      valuePieces = rest.slice(2);
    } else if (Object.hasOwn(SYMBOL_WORDS, maybeOp.text)) {
      const w = SYMBOL_WORDS[maybeOp.text]!;
      throw new QueryError(`operator ${show(maybeOp.text)} in ${show(raw)}: operators are words here; write ${field}:${w}:… Operators: ${OPERATOR_LIST}.`);
    } else if (looksLikeOperator(word)) {
      throw new QueryError(
        `unknown operator ${show(maybeOp.text)} in ${show(raw)}${didYouMean(word, OPERATOR_WORDS)} Operators: ${OPERATOR_LIST}. (Quote a value that contains a colon.)`,
      );
    }
  }
  if (valuePieces.length === 0) {
    throw new QueryError(`missing value in ${show(raw)}: write ${field}:${op === undefined ? '' : op + ':'}value.`);
  }
  if (op === 'in' || op === 'nin') {
    const values: ValueInput[] = [];
    let item: Piece[] = [];
    const push = (): void => {
      if (item.length === 0) throw new QueryError(`empty item in the list of ${show(raw)}: write ${field}:${op}:a,b,c.`);
      values.push(joinPieces(item));
      item = [];
    };
    for (const p of valuePieces) {
      if (p.kind === 'comma') push();
      else item.push(p);
    }
    push();
    return { kind: 'filter', raw, field, op, values };
  }
  return { kind: 'filter', raw, field, op, values: [joinPieces(valuePieces)] };
}

function isOr(term: RawTerm): boolean {
  const p = term.pieces;
  return p.length === 1 && p[0]!.kind === 'text' && !p[0]!.quoted && p[0]!.text === 'OR';
}

/** Parse a query into AND-ed groups of OR-ed terms. Throws QueryError. */
export function parse(input: string): Group[] {
  const groups: Term[][] = [];
  let pendingOr: RawTerm | undefined;
  for (const raw of tokenize(input)) {
    if (isOr(raw)) {
      if (groups.length === 0) throw new QueryError('`OR` at the start of the query: it goes between two terms, e.g. state:open OR state:snoozed.');
      if (pendingOr !== undefined) throw new QueryError(`\`OR OR\` at position ${raw.start}: write one OR between two terms.`);
      pendingOr = raw;
      continue;
    }
    const term = parseTerm(raw);
    if (pendingOr !== undefined) {
      groups[groups.length - 1]!.push(term);
      pendingOr = undefined;
    } else {
      groups.push([term]);
    }
  }
  if (pendingOr !== undefined) throw new QueryError('`OR` at the end of the query: it goes between two terms, e.g. state:open OR state:snoozed.');
  return groups;
}
