// A long thread is shown a window at a time: parts are taken from the offset until the character budget
// is spent, always cut at a part boundary, so that paging by offset neither loses nor repeats a part.
import type { Conversation, ConversationPart } from '../../intercom/types.js';
import { plural } from '../plural.js';
import { DEFAULT_MAX_CHARS, type PartWindow } from '../types.js';
import { partsOf } from './lists.js';
import type { NameBook } from './names.js';
import { renderPart, renderSource, type Rendered } from './parts.js';
import { advance, type ThreadContext } from './thread.js';

/** Where a window sits in the thread: the facts its note is worded from. */
export interface WindowFacts {
  /** Parts in the conversation: Intercom's own count when it returned fewer. */
  total: number;
  /** Raw index of the first part in the window. */
  offset: number;
  /** Raw index after the last part in the window. */
  end: number;
  /** Where the next window starts; absent once the returned parts are all shown. */
  nextPartOffset?: number;
}

export interface Windowed<T> extends WindowFacts {
  items: T[];
  note?: string;
}

export interface WindowOptions<T> {
  conversation: Conversation;
  window: PartWindow | undefined;
  book: NameBook;
  /** Characters already spent before the first part (the opening message, a subject line). */
  headSize: number;
  /** The thread as the lines before the window left it; advanced as parts are taken. */
  thread: ThreadContext;
  render: (r: Rendered, ctx: ThreadContext) => T;
  /** An item's size as the answer will carry it. */
  size: (item: T) => number;
}

export function windowParts<T>({ conversation: c, window, book, headSize, thread: ctx, render, size }: WindowOptions<T>): Windowed<T> {
  const parts = partsOf(c);
  const returned = parts.length;
  const reported = typeof c.conversation_parts?.total_count === 'number' ? c.conversation_parts.total_count : returned;
  const total = Math.max(returned, reported);
  const maxChars = budgetOf(window);
  const offset = Math.min(partOffsetOf(window), returned);
  const items: T[] = [];
  let used = headSize;
  let end = offset;
  for (let i = offset; i < returned; i++) {
    const rendered = renderPart(parts[i] as ConversationPart, book);
    if (!rendered) {
      end = i + 1;
      continue;
    }
    let item = render(rendered, ctx);
    const itemSize = size(item) + 1;
    if (used + itemSize > maxChars) {
      if (items.length > 0) break; // a boundary: stop before this part
      // Always show at least one part, so next_part_offset moves on and paging cannot loop.
      item = render(cutRendered(rendered, Math.max(200, maxChars - used - 200)), ctx);
      items.push(item);
      end = i + 1;
      break; // the budget is spent by the cut part
    }
    items.push(item);
    used += itemSize;
    advance(ctx, rendered);
    end = i + 1;
  }
  const facts: WindowFacts = { total, offset, end, nextPartOffset: end < returned ? end : undefined };
  return { items, ...facts, note: windowNote(facts, { returned, reported, requestedOffset: window?.partOffset, continueHint: window?.continueHint }) };
}

interface NoteContext {
  /** Parts Intercom returned (it stops at 500), and the count it reported. */
  returned: number;
  reported: number;
  requestedOffset: number | undefined;
  continueHint: ((nextPartOffset: number) => string) | undefined;
}

/** Says what a window shows when it is not simply the whole thread; undefined when it is. */
function windowNote({ total, offset, end, nextPartOffset }: WindowFacts, { returned, reported, requestedOffset, continueHint }: NoteContext): string | undefined {
  let note: string | undefined;
  if (nextPartOffset !== undefined || offset > 0) {
    const hint = nextPartOffset === undefined ? undefined : continueHint?.(nextPartOffset);
    const shown = end === offset + 1 ? `part ${end}` : `parts ${offset + 1}-${end}`;
    note = `Showing ${shown} of ${total}.${hint ? ` ${hint}` : ''}`;
  }
  if (reported > returned && end >= returned) {
    note = `${note ? `${note} ` : ''}Intercom returned only the first ${returned} of ${plural(reported, 'part')}.`;
  }
  if (offset >= returned && returned > 0 && (requestedOffset ?? 0) > 0) {
    note = `No parts at part_offset ${requestedOffset}; the conversation has ${plural(total, 'part')}.`;
  }
  return note;
}

/** The first part asked for: a whole, non-negative index. */
export function partOffsetOf(window: PartWindow | undefined): number {
  return Math.max(0, Math.floor(window?.partOffset ?? 0));
}

function budgetOf(window: PartWindow | undefined): number {
  return Math.max(500, Math.floor(window?.maxChars ?? DEFAULT_MAX_CHARS));
}

/** The opening message may take at most half the budget, leaving room for the parts after it. */
export function renderSourceWithin(c: Conversation, window: PartWindow | undefined): Rendered | undefined {
  const source = renderSource(c);
  return source ? cutRendered(source, Math.floor(budgetOf(window) / 2)) : undefined;
}

function cutRendered(r: Rendered, budget: number): Rendered {
  if (!r.body || r.body.length <= budget) return r;
  return { ...r, body: `${r.body.slice(0, budget)}… [part cut: ${plural(r.body.length, 'char')} in full]` };
}
