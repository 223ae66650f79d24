// Which region's API accepts a token. An Intercom token works only against its own workspace's region, so
// `login` asks US, EU and AU at once (GET /me) and keeps the one that accepts; the first acceptance settles it
// and nothing waits for the others. Built on the Intercom client's public API only.
import { IntercomClient } from './client.js';
import { IntercomError, UnauthorizedError } from './errors.js';
import { REGIONS, REGION_NAMES, type Region } from './regions.js';
import type { Me } from './types.js';

export interface ProbeTarget {
  /** Undefined for a custom base URL whose region nobody named. */
  readonly region?: Region;
  readonly baseUrl: string;
}

export type ProbeAnswer =
  | { readonly target: ProbeTarget; readonly outcome: 'accepted'; readonly me: Me }
  | { readonly target: ProbeTarget; readonly outcome: 'rejected' | 'failed' | 'timeout'; readonly reason: string };

export interface ProbeResult {
  readonly accepted?: { readonly target: ProbeTarget; readonly me: Me };
  /** Every answer that came before the result settled (all of them when none accepted). */
  readonly answers: readonly ProbeAnswer[];
}

export interface ProbeOptions {
  readonly token: string;
  readonly targets: readonly ProbeTarget[];
  readonly apiVersion: string;
  readonly userAgent: string;
  /** How long a region may take to answer before it counts as silent. */
  readonly timeoutMs: number;
}

/** The three regions' APIs, in the order errors list them. */
export function allRegions(): ProbeTarget[] {
  return REGION_NAMES.map((region) => ({ region, baseUrl: REGIONS[region].apiBaseUrl }));
}

/** `/me`'s `app.region` ("US", "EU", "AU"; "Europe", "Australia" accepted too) as a region, if it names one. */
export function regionOfApp(me: Me): Region | undefined {
  const raw = me.app?.region?.trim().toLowerCase();
  if (!raw) return undefined;
  if (raw === 'us' || raw.startsWith('united states') || raw === 'usa') return 'us';
  if (raw === 'eu' || raw.startsWith('europe')) return 'eu';
  if (raw === 'au' || raw.startsWith('australia')) return 'au';
  return undefined;
}

/** "HTTP 401, Intercom said: token_unauthorized: Access Token Invalid": the part of an error worth a line. */
export function shortReason(error: unknown): string {
  if (!(error instanceof IntercomError)) return 'an unexpected error';
  const said = /\(Intercom said: (.*?)(?:; request id [^)]*)?\)[.;]/.exec(error.message)?.[1];
  if (error.status !== undefined) return `HTTP ${error.status}${said ? `, Intercom said: ${said}` : ''}`;
  // Network, timeout and unreadable answers: the first sentence says it.
  return error.message.split(/(?<=\.) /)[0]!.replace(/\.$/, '');
}

function probeOne(options: ProbeOptions, target: ProbeTarget, signal: AbortSignal): Promise<ProbeAnswer> {
  const client = new IntercomClient({
    baseUrl: target.baseUrl,
    apiVersion: options.apiVersion,
    timeoutMs: options.timeoutMs,
    userAgent: options.userAgent,
    getToken: () => options.token,
  });
  return new Promise<ProbeAnswer>((resolve) => {
    const seconds = Math.round(options.timeoutMs / 100) / 10;
    const timer = setTimeout(() => resolve({ target, outcome: 'timeout', reason: `no answer within ${seconds} s` }), options.timeoutMs);
    timer.unref?.();
    client.me({ signal }).then(
      (me) => {
        clearTimeout(timer);
        resolve({ target, outcome: 'accepted', me });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ target, outcome: error instanceof UnauthorizedError ? 'rejected' : 'failed', reason: shortReason(error) });
      },
    );
  });
}

/** Asks every target at once; settles on the first that accepts, or when all have answered or gone silent. */
export async function probeToken(options: ProbeOptions): Promise<ProbeResult> {
  const controller = new AbortController();
  const answers: ProbeAnswer[] = [];
  try {
    return await new Promise<ProbeResult>((resolve) => {
      let left = options.targets.length;
      if (left === 0) resolve({ answers });
      for (const target of options.targets) {
        void probeOne(options, target, controller.signal).then((answer) => {
          answers.push(answer);
          if (answer.outcome === 'accepted') resolve({ accepted: { target, me: answer.me }, answers });
          else if (--left === 0) resolve({ answers });
        });
      }
    });
  } finally {
    // The others are not waited for: their answers no longer matter.
    controller.abort();
  }
}
