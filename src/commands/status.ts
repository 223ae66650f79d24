// `intercom-mcp status`: which token is in effect and where it comes from (environment, keychain or file),
// masked; the workspace and region; and whether Intercom accepts it now. Exit 0 when usable, 1 otherwise.
import { resolveConfig, withStoredRegion, type ConfigFlags } from '../config.js';
import { loginCommand } from '../credentials/profile.js';
import { maskToken } from '../credentials/mask.js';
import { KeychainError } from '../credentials/keychain.js';
import { CredentialFileError } from '../credentials/file-store.js';
import type { Found } from '../credentials/store.js';
import { IntercomClient } from '../intercom/client.js';
import { IntercomError, UnauthorizedError } from '../intercom/errors.js';
import { shortReason } from '../intercom/probe.js';
import { USER_AGENT } from '../intercom/source.js';
import type { Me } from '../intercom/types.js';
import { placeOf, type CommandIo } from './io.js';

/** A message as a sentence: one full stop at the end, never two. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

export interface StatusFlags extends ConfigFlags {
  json?: boolean;
}

/** Without --timeout-ms, Intercom has 10 s to answer. */
export const STATUS_TIMEOUT_MS = 10_000;

export interface StatusReport {
  profile: string;
  usable: boolean;
  token: null | { source: 'environment' | 'keychain' | 'file'; masked: string; location: string; encrypted: boolean };
  region: string;
  region_from: string;
  api: string;
  /** Whether Intercom accepts the token; null when there is none or Intercom could not be asked. */
  accepted: boolean | null;
  workspace: null | { name: string | null; app_id: string | null };
  admin: null | { name: string | null; email: string | null };
  problem: string | null;
  notes: string[];
}

export async function status(flags: StatusFlags, io: CommandIo): Promise<number> {
  const base = resolveConfig(flags, io.env);
  const { profile } = base;
  const notes: string[] = [];
  let problem: string | null = null;

  const envToken = io.env.INTERCOM_ACCESS_TOKEN?.trim() || undefined;
  const store = await io.store();
  let stored: Found | undefined;
  try {
    if (envToken) {
      // The environment's token is the one in effect: the keychain is not asked (it could prompt or hang).
      const inFile = await store.file.read(profile);
      if (inFile) stored = { ...inFile, from: 'file' };
    } else {
      const lookup = await store.lookup(profile);
      stored = lookup.found;
      if (lookup.keychainSkipped) notes.push(sentence(lookup.keychainSkipped.message));
    }
  } catch (error) {
    if (!(error instanceof KeychainError || error instanceof CredentialFileError)) throw error;
    if (envToken) notes.push(sentence(error.message));
    else problem = sentence(error.message);
  }

  let token: StatusReport['token'] = null;
  let secret: string | undefined;
  let config = base;
  if (envToken) {
    secret = envToken;
    token = { source: 'environment', masked: maskToken(envToken), location: 'INTERCOM_ACCESS_TOKEN', encrypted: false };
    if (stored) notes.push(`A token is also stored in ${placeOf(stored.from, store, profile)}; it is not used while INTERCOM_ACCESS_TOKEN is set.`);
  } else if (stored) {
    secret = stored.token;
    config = withStoredRegion(base, stored.region);
    token = { source: stored.from, masked: maskToken(stored.token), location: placeOf(stored.from, store, profile), encrypted: stored.from === 'keychain' };
  } else if (!problem) {
    problem = `Not logged in: no INTERCOM_ACCESS_TOKEN and no token stored for profile "${profile}". Run \`${loginCommand(profile)}\`.`;
  }
  const regionFrom = config.regionFrom ?? (config !== base ? 'stored with the token' : 'default');

  let me: Me | undefined;
  let checked = false;
  if (secret) {
    const timeoutMs = flags.timeoutMs !== undefined || io.env.INTERCOM_TIMEOUT_MS ? config.timeoutMs : STATUS_TIMEOUT_MS;
    const client = new IntercomClient({ baseUrl: config.baseUrl, apiVersion: config.apiVersion, timeoutMs, userAgent: USER_AGENT, getToken: () => secret });
    const host = new URL(config.baseUrl).host;
    try {
      me = await client.me();
      checked = true;
    } catch (error) {
      // Intercom answered no (401, 403): checked. No answer, or not a readable one: not checked.
      checked = error instanceof IntercomError && error.status !== undefined && error.status < 500;
      problem = checked
        ? `Intercom did not accept the token at ${host}: ${shortReason(error)}.`
        : `Could not ask Intercom at ${host}: ${shortReason(error)}. Check the network (and any proxy), then try again.`;
      if (error instanceof UnauthorizedError) problem += ` It was revoked, or belongs to another region's workspace: run \`${loginCommand(profile)}\` again.`;
    }
  }

  const report: StatusReport = {
    profile,
    usable: me !== undefined,
    token,
    region: config.region,
    region_from: regionFrom,
    api: config.baseUrl,
    accepted: checked ? me !== undefined : null,
    workspace: me ? { name: me.app?.name ?? null, app_id: me.app?.id_code ?? null } : null,
    admin: me ? { name: me.name ?? null, email: me.email ?? null } : null,
    problem,
    notes,
  };
  io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : human(report));
  return report.usable ? 0 : 1;
}

function human(r: StatusReport): string {
  const rows: Array<[string, string]> = [['Profile', r.profile]];
  if (r.token) {
    const source = r.token.source === 'environment' ? 'environment (INTERCOM_ACCESS_TOKEN)' : r.token.location;
    rows.push(['Token', `${r.token.masked} from ${source}`]);
  } else rows.push(['Token', 'none']);
  rows.push(['Region', `${r.region} (${r.region_from}), API ${r.api}`]);
  if (r.workspace) rows.push(['Workspace', `${r.workspace.name ?? '(no name)'}${r.workspace.app_id ? ` (app ${r.workspace.app_id})` : ''}`]);
  if (r.admin) rows.push(['Admin', [r.admin.name, r.admin.email].filter(Boolean).join(', ') || '(unknown)']);
  const verdict = r.accepted === null ? (r.token ? 'could not be asked' : 'not asked (no token)') : r.accepted ? 'accepts the token' : 'does not accept the token';
  rows.push(['Intercom', verdict]);
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  const lines = rows.map(([k, v]) => `  ${`${k}:`.padEnd(width)}${v}`);
  if (r.problem) lines.push('', r.problem);
  for (const note of r.notes) lines.push(`Note: ${note}`);
  return `${lines.join('\n')}\n`;
}
