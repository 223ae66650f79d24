// Lexer: splits a query into whitespace-separated terms, and each term into text pieces, `:` and `,`.
// Double quotes protect whitespace, `:` and `,`; inside them `\"` and `\\` are escapes (any other backslash
// is literal). One pass, linear in the input.
import { QueryError, show } from './errors.js';

export type Piece =
  | { readonly kind: 'text'; readonly text: string; readonly quoted: boolean }
  | { readonly kind: 'colon' }
  | { readonly kind: 'comma' };

export interface RawTerm {
  /** The term as written. */
  readonly raw: string;
  /** Offset of the term in the query. */
  readonly start: number;
  readonly pieces: readonly Piece[];
}

function isSpace(code: number): boolean {
  // ASCII whitespace and control characters separate terms; so do the Unicode spaces that \s knows.
  if (code <= 32 || code === 127) return true;
  if (code < 128) return false;
  return /\s/.test(String.fromCharCode(code));
}

export function tokenize(input: string): RawTerm[] {
  const terms: RawTerm[] = [];
  const n = input.length;
  let i = 0;
  while (i < n) {
    if (isSpace(input.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    const pieces: Piece[] = [];
    let text = '';
    let hasText = false;
    let quoted = false;
    const flush = (): void => {
      if (hasText) pieces.push({ kind: 'text', text, quoted });
      text = '';
      hasText = false;
      quoted = false;
    };
    while (i < n && !isSpace(input.charCodeAt(i))) {
      const ch = input[i]!;
      if (ch === '"') {
        const open = i;
        i++;
        let closed = false;
        while (i < n) {
          const c = input[i]!;
          if (c === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\')) {
            text += input[i + 1];
            i += 2;
          } else if (c === '"') {
            closed = true;
            i++;
            break;
          } else {
            text += c;
            i++;
          }
        }
        if (!closed) {
          throw new QueryError(
            `unterminated quote: ${show(input.slice(open))} at position ${open} has no closing \`"\` (write \\" for a quote inside a value).`,
          );
        }
        hasText = true;
        quoted = true;
      } else if (ch === ':') {
        flush();
        pieces.push({ kind: 'colon' });
        i++;
      } else if (ch === ',') {
        flush();
        pieces.push({ kind: 'comma' });
        i++;
      } else {
        text += ch;
        hasText = true;
        i++;
      }
    }
    flush();
    terms.push({ raw: input.slice(start, i), start, pieces });
  }
  return terms;
}
