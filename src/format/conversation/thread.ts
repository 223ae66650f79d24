// The readable thread: one text line per rendered item, with short time stamps and each author's role
// said once, so a long thread costs few tokens and still reads unambiguously.
import type { SourceAuthor } from '../../intercom/types.js';
import { idOf, line } from '../common.js';
import { isoDay, isoMinute } from '../dates.js';
import { authorName } from './names.js';
import type { Rendered } from './parts.js';

/** What earlier thread lines already said: the last timestamp, and which author names were introduced. */
export interface ThreadContext {
  prevAt?: number;
  /** author name -> identity (type:id) it was introduced with */
  introduced: Map<string, string>;
}

export function newThread(): ThreadContext {
  return { introduced: new Map() };
}

// Continuation lines are indented so a message body can never pose as a new thread line.
function indentBody(text: string): string {
  return text.replace(/\n/g, '\n  ');
}

/**
 * `2025-06-01 09:00Z` when the day differs from the previous line's, `09:00Z` when only the minute does,
 * nothing when the previous line was in the same minute (bursts of messages read as one moment).
 */
function stampFor(at: number | undefined, prevAt: number | undefined): string | undefined {
  const day = isoDay(at);
  const minute = isoMinute(at);
  if (!day || !minute) return undefined;
  if (day !== isoDay(prevAt)) return `${day} ${minute}`;
  return minute === isoMinute(prevAt) ? undefined : minute;
}

function identity(a: SourceAuthor | undefined): string {
  return `${a?.type ?? ''}:${idOf(a?.id) ?? ''}`;
}

/** Records what a line just shown tells later lines. */
export function advance(ctx: ThreadContext, r: Rendered): void {
  if (r.at) ctx.prevAt = r.at;
  if (r.style === 'message') {
    const name = authorName(r.author);
    if (!ctx.introduced.has(name)) ctx.introduced.set(name, identity(r.author));
  }
}

// The role is said once per author ("Jane Doe (user)"), then only the name; again if a name is ambiguous.
function roleLabel(r: Rendered, ctx: ThreadContext): string | undefined {
  const name = authorName(r.author);
  const known = ctx.introduced.get(name) === identity(r.author);
  const role = known ? undefined : (line(r.author?.type) ?? 'unknown');
  const kind = r.kind === 'comment' || r.kind === 'source' ? undefined : r.kind.replace(/_/g, ' ');
  const label = [role, kind].filter(Boolean).join(', ');
  return label === '' ? undefined : label;
}

export function textLine(r: Rendered, ctx: ThreadContext): string {
  const stamp = stampFor(r.at, ctx.prevAt);
  const extras = [...r.attachments, ...(r.tags.length > 0 ? [`[tags: ${r.tags.join(', ')}]`] : [])];
  let head: string;
  if (r.style === 'event') {
    head = `— ${stamp ? `${stamp} ` : ''}${r.event ?? r.kind}${r.body ? `: ${r.body}` : ''}`;
  } else {
    const label = roleLabel(r, ctx);
    const who = `${authorName(r.author)}${label ? ` (${label})` : ''}`;
    head = `${stamp ? `[${stamp}] ` : ''}${who}:${r.body ? ` ${r.body}` : ''}`;
  }
  return indentBody([head, ...extras].join('\n'));
}
