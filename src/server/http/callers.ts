// What `serve` remembers about each caller between requests, keyed by a hash of the caller's token and never
// by the token: whether Intercom accepts the token (asked once, with the GET /me that links need anyway),
// the links into that workspace's web app, and how many of its calls are in flight. Nothing here is shared
// between tokens, and the token itself is held only by the requests that carry it.
import { createHash } from 'node:crypto';
import type { Links } from '../../format/index.js';
import { Directory } from '../../intercom/directory.js';
import { UnauthorizedError } from '../../intercom/errors.js';

/** How long Intercom's yes to a token holds before it is asked again; a revoked token stops within this. */
export const ACCEPTED_FOR_MS = 10 * 60_000;
/** How long Intercom's no holds: a caller retrying a bad token does not cost an Intercom call each time. */
export const REFUSED_FOR_MS = 30_000;

export interface Caller {
  /** A short hash of the token: safe to log, and the key of everything kept. */
  readonly id: string;
  inFlight: number;
  /** Tag, team and admin names of the caller's workspace, shared by its requests (each brings its own client). */
  readonly directory: Directory;
  /** Legacy SSE streams open. */
  streams: number;
  links?: Links;
  verdict?: { readonly accepted: boolean; readonly at: number };
  pending?: Promise<boolean | undefined>;
}

export interface CallersOptions {
  /** Calls one caller may have running at once; more get 429. */
  readonly maxInFlight: number;
  /** Callers remembered at most (least recently seen forgotten first). */
  readonly maxCallers?: number;
  /** New tokens checked with Intercom at once, all callers together; more get 'busy' (503). */
  readonly maxChecking?: number;
  readonly now?: () => number;
}

export function callerId(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 16);
}

export class Callers {
  readonly #byId = new Map<string, Caller>();
  readonly #maxInFlight: number;
  readonly #maxCallers: number;
  readonly #now: () => number;
  readonly #maxChecking: number;
  #checking = 0;
  #busy = 0;

  constructor(options: CallersOptions) {
    this.#maxInFlight = options.maxInFlight;
    this.#maxCallers = options.maxCallers ?? 10_000;
    this.#maxChecking = options.maxChecking ?? 64;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#byId.size;
  }

  /** Calls in flight, all callers together. */
  get busy(): number {
    return this.#busy;
  }

  /** The caller of a token, seen now (a Map keeps insertion order: re-inserting marks it most recent). */
  of(token: string): Caller {
    const id = callerId(token);
    let caller = this.#byId.get(id);
    if (caller) this.#byId.delete(id);
    else caller = { id, inFlight: 0, streams: 0, directory: new Directory(this.#now) };
    this.#byId.set(id, caller);
    if (this.#byId.size > this.#maxCallers) {
      for (const [oldId, old] of this.#byId) {
        if (this.#byId.size <= this.#maxCallers) break;
        if (old.inFlight === 0 && old.streams === 0 && old !== caller) this.#byId.delete(oldId);
      }
    }
    return caller;
  }

  /** A slot for one call, released by the function returned; undefined when the caller is at its limit. */
  acquire(caller: Caller): (() => void) | undefined {
    if (caller.inFlight >= this.#maxInFlight) return undefined;
    caller.inFlight++;
    this.#busy++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      caller.inFlight--;
      this.#busy--;
    };
  }

  /**
   * Whether Intercom accepts the caller's token: true, false (401 from Intercom), or undefined when it could
   * not be told (Intercom slow or down; the call goes ahead and reports its own error). Concurrent first
   * requests share one check.
   */
  async accepts(caller: Caller, check: () => Promise<unknown>): Promise<boolean | undefined | 'busy'> {
    const now = this.#now();
    const verdict = caller.verdict;
    if (verdict && now - verdict.at < (verdict.accepted ? ACCEPTED_FOR_MS : REFUSED_FOR_MS)) return verdict.accepted;
    if (caller.pending) return caller.pending;
    // Anyone can send a well-formed token; each new one costs an Intercom call, so only so many at once.
    if (this.#checking >= this.#maxChecking) return 'busy';
    this.#checking++;
    caller.pending = check().then(
      () => this.#settle(caller, true),
      (error: unknown) => this.#settle(caller, error instanceof UnauthorizedError ? false : undefined),
    );
    return caller.pending;
  }

  /** Intercom refused the caller's token in the middle of a call: its next request is refused too. */
  refused(caller: Caller): void {
    caller.verdict = { accepted: false, at: this.#now() };
    caller.links = undefined;
  }

  #settle(caller: Caller, accepted: boolean | undefined): boolean | undefined {
    this.#checking--;
    caller.pending = undefined;
    if (accepted === undefined) return undefined;
    caller.verdict = { accepted, at: this.#now() };
    if (!accepted) caller.links = undefined;
    return accepted;
  }
}
