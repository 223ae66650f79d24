// Names for the ids Intercom puts in records (tag ids on contacts, admin and team ids on conversations):
// the workspace's tags, teams and admins, each listed with one request, at most once per DIRECTORY_TTL_MS.
// One directory per cache scope (a WeakMap keyed by it): the server's Intercom source over stdio, the caller
// over HTTP, where each request has a client of its own but every request of one token shares the scope:
// never one workspace's names shown to another. A directory holds no client (so no token): each lookup
// brings the client of the call that asks. A list that fails is forgotten and asked again by a
// later call; names are a nicety, so a caller never fails for them.
// Companies are not listed whole (a workspace may have thousands): the ones a contact shows are asked one
// by one (GET /companies/{id}) and kept by id for the same few minutes.
import type { IntercomClient } from './client.js';
import { NotFoundError } from './errors.js';

export type DirectoryList = 'tags' | 'teams' | 'admins';

export interface DirectoryNames {
  /** Tag id → name. */
  readonly tags?: ReadonlyMap<string, string>;
  /** Team id → name. */
  readonly teams?: ReadonlyMap<string, string>;
  /** Admin id → name and the admin's team ids. */
  readonly admins?: ReadonlyMap<string, { readonly name: string; readonly teamIds: readonly string[] }>;
  /** Company id → what a contact shows of it; only the ids asked for, and only those Intercom answered. */
  readonly companies?: ReadonlyMap<string, CompanyBrief>;
}

/** A company as a contact shows it: raw Intercom text (the format layer cleans it). */
export interface CompanyBrief {
  readonly name: string;
  readonly companyId?: string;
  readonly plan?: string;
}

/** At most this many companies kept per scope: the oldest asked goes first. */
export const MAX_CACHED_COMPANIES = 500;

/** Refreshed after this long: a tag renamed or a teammate added shows within minutes. */
export const DIRECTORY_TTL_MS = 5 * 60_000;

type Entry = { readonly at: number; readonly names: Promise<DirectoryNames> };
type CompanyEntry = { readonly at: number; readonly brief: Promise<CompanyBrief | undefined> };

export class Directory {
  readonly #now: () => number;
  readonly #entries = new Map<DirectoryList, Entry>();
  readonly #companies = new Map<string, CompanyEntry>();

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * The names of the lists asked for, listed through `client` when not cached; cached lists cost nothing,
   * the others one request each, at once. Never rejects.
   */
  async names(client: IntercomClient, lists: readonly DirectoryList[], companyIds: readonly string[] = []): Promise<DirectoryNames> {
    const [parts, companies] = await Promise.all([
      Promise.all(lists.map((list) => this.#list(client, list))),
      companyIds.length > 0 ? this.companies(client, companyIds) : undefined,
    ]);
    return Object.assign({}, ...parts, companies ? { companies } : {}) as DirectoryNames;
  }

  /**
   * The companies of `ids`, each asked (GET /companies/{id}, all at once) when not cached; a cached one costs
   * nothing. A company Intercom does not find is remembered as unnamed for the TTL (a deleted company is not
   * asked for on every read); any other failure is forgotten and asked again by a later call. Never rejects.
   */
  async companies(client: IntercomClient, ids: readonly string[]): Promise<ReadonlyMap<string, CompanyBrief>> {
    const unique = [...new Set(ids)];
    const briefs = await Promise.all(unique.map((id) => this.#company(client, id)));
    const map = new Map<string, CompanyBrief>();
    unique.forEach((id, i) => {
      const brief = briefs[i];
      if (brief) map.set(id, brief);
    });
    return map;
  }

  #company(client: IntercomClient, id: string): Promise<CompanyBrief | undefined> {
    const cached = this.#companies.get(id);
    if (cached && this.#now() - cached.at < DIRECTORY_TTL_MS) return cached.brief;
    const brief = client.getCompany(id).then(briefOf, (error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      if (this.#companies.get(id) === entry) this.#companies.delete(id);
      return cached ? cached.brief : undefined;
    });
    const entry: CompanyEntry = { at: this.#now(), brief };
    // Re-inserted, so the map's order is the order asked: the first key is the one to drop.
    this.#companies.delete(id);
    this.#companies.set(id, entry);
    while (this.#companies.size > MAX_CACHED_COMPANIES) this.#companies.delete(this.#companies.keys().next().value!);
    return brief;
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

function briefOf(company: { name?: unknown; company_id?: unknown; plan?: { name?: unknown } | null }): CompanyBrief | undefined {
  const n = name(company?.name);
  if (n === undefined) return undefined;
  const companyId = name(company.company_id);
  const plan = company.plan && typeof company.plan === 'object' ? name(company.plan.name) : undefined;
  return { name: n, ...(companyId !== undefined ? { companyId } : {}), ...(plan !== undefined ? { plan } : {}) };
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

const directories = new WeakMap<object, Directory>();

/** The directory of a cache scope (ReadContext.cacheScope, or the client itself): never shared between tokens. */
export function directoryOf(scope: object): Directory {
  let directory = directories.get(scope);
  if (!directory) {
    directory = new Directory();
    directories.set(scope, directory);
  }
  return directory;
}

/** The names of `lists` (and of the companies `companyIds`) for a record read through `client`, from the scope's directory. */
export function namesFor(scope: object, client: IntercomClient, lists: readonly DirectoryList[], companyIds: readonly string[] = []): Promise<DirectoryNames> {
  return directoryOf(scope).names(client, lists, companyIds);
}
