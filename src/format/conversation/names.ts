// Intercom gives only ids for assignees, so names are learnt from the workspace's directory (its admins and
// teams, when the caller has them) and from whoever wrote parts (and the teammate, statistics and contact
// lists): a name is shown only when Intercom said it somewhere, never invented.
import type { Conversation, SourceAuthor } from '../../intercom/types.js';
import { idOf, line } from '../common.js';
import type { Names } from '../types.js';
import { arr, partsOf } from './lists.js';

export interface NameBook {
  admins: Map<string, string>;
  teams: Map<string, string>;
  contacts: Map<string, { name?: string; email?: string }>;
}

export function nameBook(c: Conversation, names?: Names): NameBook {
  const book: NameBook = { admins: new Map(), teams: new Map(), contacts: new Map() };
  for (const [id, admin] of names?.admins ?? []) book.admins.set(id, line(admin.name) ?? id);
  for (const [id, name] of names?.teams ?? []) {
    const text = line(name);
    if (text) book.teams.set(id, text);
  }
  const learn = (a: SourceAuthor | null | undefined): void => {
    const id = idOf(a?.id);
    if (!a || !id) return;
    const name = line(a.name);
    const email = line(a.email);
    if (a.type === 'admin' || a.type === 'bot') {
      if (name && !book.admins.has(id)) book.admins.set(id, name);
    } else if (a.type === 'team') {
      if (name && !book.teams.has(id)) book.teams.set(id, name);
    } else if (a.type === 'user' || a.type === 'lead' || a.type === 'contact') {
      const known = book.contacts.get(id) ?? {};
      book.contacts.set(id, { name: known.name ?? name, email: known.email ?? email });
    }
  };
  learn(c.source?.author);
  for (const p of partsOf(c)) learn(p.author);
  for (const t of arr(c.teammates?.teammates)) {
    const id = idOf(t?.id);
    const name = line(t?.name);
    if (id && name && !book.admins.has(id)) book.admins.set(id, name);
  }
  for (const rt of [...arr(c.statistics?.assigned_team_first_response_time), ...arr(c.statistics?.assigned_team_first_response_time_in_office_hours)]) {
    const id = idOf(rt?.team_id);
    const name = line(rt?.team_name);
    if (id && name && !book.teams.has(id)) book.teams.set(id, name);
  }
  for (const ref of arr(c.contacts?.contacts)) {
    const id = idOf(ref?.id);
    if (!id) continue;
    const known = book.contacts.get(id) ?? {};
    book.contacts.set(id, { name: known.name ?? line(ref.name), email: known.email ?? line(ref.email) });
  }
  return book;
}

export function authorName(a: SourceAuthor | null | undefined): string {
  return line(a?.name) ?? line(a?.email) ?? (a?.type ? `${line(a.type) ?? 'someone'}${idOf(a.id) ? ` ${idOf(a.id)}` : ''}` : 'someone');
}

export function assigneeName(book: NameBook, type: string | undefined, id: string | undefined): string {
  if (type === 'nobody_admin' || !id) return 'nobody';
  if (type === 'team') return book.teams.get(id) ?? `team ${id}`;
  return book.admins.get(id) ?? book.teams.get(id) ?? `${type === 'admin' ? 'admin' : (type ?? 'admin')} ${id}`;
}
