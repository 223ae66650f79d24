// Small helpers shared by the conversation and contact formatters.
import type { CustomAttributes, JsonValue, PartAttachment } from '../intercom/types.js';
import { cleanText, plainLine, plainText } from './html-to-text.js';
import { plural } from './plural.js';

/** A trimmed, single-line, HTML-free string, or undefined when nothing is left. */
export function line(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = plainLine(value);
  return text === '' ? undefined : text;
}

/** A trimmed, HTML-free, possibly multi-line string, or undefined. */
export function multiline(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = plainText(value);
  return text === '' ? undefined : text;
}

/** An id as a string ('0' and empty mean "none" in Intercom's assignee fields). */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value === 0 ? undefined : String(value);
  if (typeof value !== 'string') return undefined;
  const id = cleanText(value).trim();
  return id === '' || id === '0' ? undefined : id;
}

/** Cuts `text` to at most `max` characters at a word boundary when one is near, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(1, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** `[attachment: name] (url)`, skipping url-less/nameless noise. */
export function attachmentLines(attachments: readonly PartAttachment[] | null | undefined): string[] {
  if (!Array.isArray(attachments)) return [];
  const out: string[] = [];
  for (const a of attachments) {
    if (!a || typeof a !== 'object') continue;
    const name = line(a.name);
    const url = typeof a.url === 'string' && /^https?:\/\//i.test(a.url.trim()) ? cleanText(a.url).trim() : undefined;
    if (!name && !url) continue;
    out.push(`[attachment${name ? `: ${name}` : ''}]${url ? ` (${url})` : ''}`);
  }
  return out;
}

type Scalar = string | number | boolean;

// Custom attributes are free-form workspace data: one can hold a whole document. Bounded so that no single
// attribute can swamp a result (the parts of a thread are windowed; metadata is not).
const MAX_ATTRIBUTE_CHARS = 2_000;
const MAX_ATTRIBUTE_ITEMS = 50;

function attributeText(value: string): string | undefined {
  const text = multiline(value);
  if (text === undefined) return undefined;
  return text.length > MAX_ATTRIBUTE_CHARS ? `${text.slice(0, MAX_ATTRIBUTE_CHARS)}… [${plural(text.length, 'char')} in full]` : text;
}

/** Custom attributes reduced to sanitized scalar values (objects/arrays dropped). Keys are sanitized too. */
export function scalarAttributes(attrs: CustomAttributes | null | undefined): Record<string, Scalar> | undefined {
  if (!attrs || typeof attrs !== 'object' || Array.isArray(attrs)) return undefined;
  const out: Record<string, Scalar> = {};
  for (const [rawKey, value] of Object.entries(attrs)) {
    const key = line(rawKey);
    if (!key) continue;
    if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) out[key] = value;
    else if (typeof value === 'string') {
      const text = attributeText(value);
      if (text) out[key] = text;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Custom attributes with every value kept (objects/arrays deep-sanitized), for structured views. */
export function sanitizedAttributes(attrs: CustomAttributes | null | undefined): Record<string, JsonValue> | undefined {
  if (!attrs || typeof attrs !== 'object' || Array.isArray(attrs)) return undefined;
  const out: Record<string, JsonValue> = {};
  for (const [rawKey, value] of Object.entries(attrs)) {
    const key = line(rawKey);
    const clean = sanitizeJson(value, 0);
    if (key && clean !== undefined) out[key] = clean;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function sanitizeJson(value: unknown, depth: number): JsonValue | undefined {
  if (depth > 8) return undefined; // untrusted nesting: stop somewhere sensible
  if (typeof value === 'string') return attributeText(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items = value
      .slice(0, MAX_ATTRIBUTE_ITEMS)
      .map((v) => sanitizeJson(v, depth + 1))
      .filter((v): v is JsonValue => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [rawKey, child] of Object.entries(value)) {
      const key = line(rawKey);
      const clean = sanitizeJson(child, depth + 1);
      if (key && clean !== undefined) out[key] = clean;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return undefined;
}

/** Renders a scalar custom attribute value on one line. */
export function scalarText(value: Scalar): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'number' ? String(value) : value.replace(/\s*\n\s*/g, ' / ');
}
