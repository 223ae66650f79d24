// Names for the ids Intercom puts in records (tag ids on contacts, admin and team ids on conversations):
// the workspace's tags, teams and admins, each listed with one request, at most once per DIRECTORY_TTL_MS.
// One directory per client instance (a WeakMap keyed by the client), or per caller over HTTP, where each
// request has a client of its own and `serve` hands every request of one token the same directory
// (useDirectory): never one workspace's names shown to another. A directory holds no client (so no token):
// each lookup brings the client of the call that asks. A list that fails is forgotten and asked again by a
// later call; names are a nicety, so a caller never fails for them.
import type { IntercomClient } from './client.js';

export type DirectoryList = 'tags' | 'teams' | 'admins';

export interface DirectoryNames {
  /** Tag id → name. */
  readonly tags?: ReadonlyMap<string, string>;
  /** Team id → name. */
  readonly teams?: ReadonlyMap<string, string>;
  /** Admin id → name and the admin's team ids. */
  readonly admins?: ReadonlyMap<string, { readonly name: string; readonly teamIds: readonly string[] }>;
}

/** Refreshed after this long: a tag renamed or a teammate added shows within minutes. */
export const DIRECTORY_TTL_MS = 5 * 60_000;

type Entry = { readonly at: number; readonly names: Promise<DirectoryNames> };

export class Directory {
  readonly #now: () => number;
  readonly #entries = new Map<DirectoryList, Entry>();

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * The names of the lists asked for, listed through `client` when not cached; cached lists cost nothing,
   * the others one request each, at once. Never rejects.
   */
  async names(client: IntercomClient, lists: readonly DirectoryList[]): Promise<DirectoryNames> {
    const parts = await Promise.all(lists.map((list) => this.#list(client, list)));
    return Object.assign({}, ...parts) as DirectoryNames;
  }

  #list(client: IntercomClient, list: DirectoryList): Promise<DirectoryNames> {
    const cached = this.#entries.get(list);
    if (cached && this.#now() - cached.at < DIRECTORY_TTL_MS) return cached.names;
    // Shared by concurrent callers, so it runs without any one caller's signal.
    const names = this.#load(client, list).catch(() => {
      if (this.#entries.get(list) === entry) this.#entries.delete(list);
      // An expired list that cannot be refreshed still names things until it can.
      return cached ? cached.names : {};
    });
    const entry: Entry = { at: this.#now(), names };
    this.#entries.set(list, entry);
    return names;
  }

  async #load(client: IntercomClient, list: DirectoryList): Promise<DirectoryNames> {
    switch (list) {
      case 'tags': {
        const answer = await client.listTags();
        return { tags: byId(answer.data ?? [], (t) => name(t.name)) };
      }
      case 'teams': {
        const answer = await client.listTeams();
        return { teams: byId(answer.teams ?? [], (t) => name(t.name)) };
      }
      case 'admins': {
        const answer = await client.listAdmins();
        return {
          admins: byId(answer.admins ?? [], (a) => {
            const n = name(a.name);
            return n === undefined ? undefined : { name: n, teamIds: (Array.isArray(a.team_ids) ? a.team_ids : []).map(String) };
          }),
        };
      }
    }
  }
}

function name(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function byId<I extends { id?: unknown }, V>(items: readonly I[], value: (item: I) => V | undefined): Map<string, V> {
  const map = new Map<string, V>();
  for (const item of Array.isArray(items) ? items : []) {
    const id = item && (typeof item.id === 'string' || typeof item.id === 'number') ? String(item.id) : undefined;
    const v = item ? value(item) : undefined;
    if (id !== undefined && v !== undefined) map.set(id, v);
  }
  return map;
}

const directories = new WeakMap<IntercomClient, Directory>();

/** The directory of this client instance (never shared between clients, so never between tokens). */
export function directoryOf(client: IntercomClient): Directory {
  let directory = directories.get(client);
  if (!directory) {
    directory = new Directory();
    directories.set(client, directory);
  }
  return directory;
}

/** Gives a client the directory of its caller (`serve`: every request of one token shares one). */
export function useDirectory(client: IntercomClient, directory: Directory): void {
  directories.set(client, directory);
}

/** The names of `lists` for a record read through `client`. */
export function namesFor(client: IntercomClient, lists: readonly DirectoryList[]): Promise<DirectoryNames> {
  return directoryOf(client).names(client, lists);
}
