// Typing of filter values: every value is checked against its field's type before anything reaches Intercom.
import { QueryError, show } from './errors.js';
import { PRIORITY_ALIASES } from '../intercom/vocabulary.js';
import type { DslOperator, FieldSpec } from './field-spec.js';
import { didYouMean } from './suggest.js';

/** A value as written: its text (quotes and escapes resolved) and whether any of it was quoted. */
export interface ValueInput {
  readonly text: string;
  readonly quoted: boolean;
}

export type ScalarValue = string | number | boolean;

/** What a date value may look like, for error messages. */
export const DATE_FORMS = 'unix seconds, an ISO date like 2025-06-01 or 2025-06-01T09:00Z, or an age like 30m, 12h, 7d, 2w';

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const AGE_RE = /^(\d{1,9})([smhdw])$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?$/;
/** Latest accepted date (year 9999), so values stay plausible and safe integers. */
const MAX_SECONDS = 253_402_300_799;

export type DateParse = { ok: true; seconds: number; form: 'seconds' | 'iso' | 'age' | 'day' } | { ok: false; hint?: string };

const DAY_SECONDS = 86_400;

function utcSeconds(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March; a round trip rejects such dates.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return Math.floor(ms / 1000);
}

/**
 * Parse a date into unix seconds. A date without a time means 12:00 UTC that day: Intercom matches dates by
 * calendar day in the workspace's timezone, and noon UTC falls on the same calendar day from UTC-12 to UTC+11,
 * whereas midnight UTC is the previous day in every American timezone. A date-time without an offset is UTC.
 * Ages (`7d`) mean now minus that much.
 */
export function parseDate(text: string, now: Date): DateParse {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    if (t.length === 13) return { ok: false, hint: 'that looks like milliseconds; use seconds' };
    const n = Number(t);
    return t.length <= 12 && n <= MAX_SECONDS ? { ok: true, seconds: n, form: 'seconds' } : { ok: false };
  }
  const age = AGE_RE.exec(t);
  if (age) {
    const seconds = Math.floor(now.getTime() / 1000) - Number(age[1]) * UNIT_SECONDS[age[2]!]!;
    return seconds >= 0 ? { ok: true, seconds, form: 'age' } : { ok: false, hint: 'that is before 1970' };
  }
  const date = DATE_RE.exec(t);
  if (date) {
    const s = utcSeconds(Number(date[1]), Number(date[2]), Number(date[3]), 12, 0, 0);
    if (s === undefined) return { ok: false, hint: 'no such calendar date' };
    const checked = checkRange(s);
    return checked.ok ? { ...checked, form: 'day' } : checked;
  }
  const dt = DATETIME_RE.exec(t);
  if (dt) {
    const s = utcSeconds(Number(dt[1]), Number(dt[2]), Number(dt[3]), Number(dt[4]), Number(dt[5]), Number(dt[6] ?? 0));
    if (s === undefined) return { ok: false, hint: 'no such date or time' };
    let offset = 0;
    const zone = dt[7];
    if (zone !== undefined && zone.toUpperCase() !== 'Z') {
      const digits = zone.slice(1).replace(':', '');
      const hours = Number(digits.slice(0, 2));
      const minutes = Number(digits.slice(2));
      if (hours > 23 || minutes > 59) return { ok: false, hint: 'bad timezone offset' };
      offset = (zone.startsWith('-') ? -1 : 1) * (hours * 3600 + minutes * 60);
    }
    return checkRange(s - offset);
  }
  return { ok: false };
}

function checkRange(seconds: number): DateParse {
  if (seconds < 0) return { ok: false, hint: 'that is before 1970' };
  if (seconds > MAX_SECONDS) return { ok: false };
  return { ok: true, seconds, form: 'iso' };
}

/** Integer literal, or for duration fields a number of seconds written as 90s, 30m, 4h, 2d, 1w. */
export function parseInteger(text: string, duration: boolean): number | undefined {
  const t = text.trim();
  if (/^-?\d{1,15}$/.test(t)) return Number(t);
  if (duration) {
    const m = AGE_RE.exec(t);
    if (m) return Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  }
  return undefined;
}

function listHint(v: ValueInput, label: string): string {
  return !v.quoted && v.text.includes(',') ? ` (for several values write ${label}:in:a,b)` : '';
}

function symbolHint(v: ValueInput, label: string): string {
  const m = /^(>=|<=|!=|>|<|=)/.exec(v.text);
  if (v.quoted || m === null) return '';
  const word = { '>=': 'gte', '<=': 'lte', '!=': 'neq', '>': 'gt', '<': 'lt', '=': 'eq' }[m[1]!];
  return ` Operators are words: ${label}:${word}:value.`;
}

function describeType(spec: FieldSpec): string {
  switch (spec.type) {
    case 'date': return `a date (${DATE_FORMS})`;
    case 'integer': return spec.duration ? 'a whole number of seconds (or 90s, 30m, 4h, 2d, 1w)' : 'a whole number';
    case 'boolean': return 'true or false';
    case 'enum': return `one of ${(spec.values ?? []).join(', ')}`;
    case 'id': return spec.numeric ? 'a numeric id' : 'an id';
    case 'string': return 'text';
  }
}

/** Check and convert one value for a catalogued field. Throws QueryError naming the field, value and the expected form. */
/**
 * `exactDates`: conversation search compares timestamps to the second (contacts match by calendar day), so there
 * a date without a time is a whole UTC day used as a bound, and equality with a whole day cannot be one filter.
 */
export function typeFieldValue(
  spec: FieldSpec, op: DslOperator, v: ValueInput, now: Date, label = spec.name, exactDates = false,
): ScalarValue {
  const bad = (extra = '.'): QueryError =>
    new QueryError(`\`${label}\` expects ${describeType(spec)}; got ${show(v.text)}${extra}${listHint(v, label)}${symbolHint(v, label)}`);
  switch (spec.type) {
    case 'string':
      if (v.text === '' && op !== 'eq' && op !== 'neq') {
        throw new QueryError(`\`${label}:${op}\` needs a non-empty value.`);
      }
      return v.text;
    case 'id': {
      const t = v.text.trim();
      if (t === '') throw new QueryError(`\`${label}\` needs a non-empty id.`);
      if (spec.numeric) {
        if (!/^\d{1,15}$/.test(t)) throw bad('. Use 0 for unassigned.');
        return Number(t);
      }
      return t;
    }
    case 'enum': {
      const values = spec.values ?? [];
      const wanted = v.text.trim().toLowerCase();
      const hit = values.find((x) => x === wanted);
      if (hit !== undefined) return hit;
      const candidates = spec.name === 'priority' ? [...values, ...PRIORITY_ALIASES] : values;
      throw bad(didYouMean(wanted, candidates));
    }
    case 'boolean': {
      const t = v.text.trim().toLowerCase();
      if (t === 'true') return true;
      if (t === 'false') return false;
      throw bad();
    }
    case 'integer': {
      const n = parseInteger(v.text, spec.duration === true);
      if (n === undefined) throw bad();
      return n;
    }
    case 'date': {
      const d = parseDate(v.text, now);
      if (!d.ok) throw bad(d.hint === undefined ? '.' : ` (${d.hint}).`);
      if (exactDates && d.form === 'day') {
        if (op !== 'gt' && op !== 'gte' && op !== 'lt' && op !== 'lte') {
          const next = new Date((d.seconds + DAY_SECONDS) * 1000).toISOString().slice(0, 10);
          throw new QueryError(
            `\`${label}:${op}:${v.text.trim()}\`: conversation dates are exact to the second, so a whole day is a range: ` +
              `\`${label}:gte:${v.text.trim()} ${label}:lt:${next}\`.`,
          );
        }
        // A day as a bound: gte/lt start at its 00:00, while gt/lte mean after it / through it, so they take
        // its last second (translate.ts turns that into Intercom's inclusive `>`/`<`).
        const start = d.seconds - DAY_SECONDS / 2;
        return op === 'gt' || op === 'lte' ? start + DAY_SECONDS - 1 : start;
      }
      return d.seconds;
    }
  }
}

export interface CustomValue {
  value: ScalarValue;
  /** The value was written as a date (ISO or age), so it is compared by day like Intercom's date fields. */
  isDate: boolean;
}

const ORDER_OPS: readonly DslOperator[] = ['gt', 'gte', 'lt', 'lte'];
const TEXT_OPS: readonly DslOperator[] = ['contains', 'not_contains', 'starts_with', 'ends_with'];

/**
 * Custom attribute values are typed by their form, since the attribute's type is unknown here: quoted → text;
 * true/false → boolean; whole numbers → number; ISO dates → unix seconds; else text. Comparisons need a number
 * or a date (ages allowed there too).
 */
export function typeCustomValue(label: string, op: DslOperator, v: ValueInput, now: Date): CustomValue {
  const t = v.text.trim();
  if (TEXT_OPS.includes(op)) {
    if (v.text === '') throw new QueryError(`\`${label}:${op}\` needs a non-empty value.`);
    return { value: v.text, isDate: false };
  }
  if (ORDER_OPS.includes(op)) {
    if (/^-?\d{1,15}$/.test(t)) return { value: Number(t), isDate: false };
    const d = parseDate(t, now);
    if (d.ok) return { value: d.seconds, isDate: true };
    throw new QueryError(`\`${label}:${op}\` compares numbers or dates (${DATE_FORMS}); got ${show(v.text)}.`);
  }
  if (v.quoted) return { value: v.text, isDate: false };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true', isDate: false };
  if (/^-?\d{1,15}$/.test(t)) return { value: Number(t), isDate: false };
  if (/^-?\d+\.\d+$/.test(t)) {
    throw new QueryError(`\`${label}\`: decimal values like ${show(t)} cannot be searched (Intercom's search takes whole numbers); quote it to search it as text.`);
  }
  if (DATE_RE.test(t) || DATETIME_RE.test(t)) {
    const d = parseDate(t, now);
    if (d.ok) return { value: d.seconds, isDate: true };
  }
  return { value: v.text, isDate: false };
}
