// `intercom-mcp login`: read a token, check it with GET /me (in every region at once unless one is named),
// then store it with its region in the OS keychain, or in the credentials file where there is none.
import { resolveConfig, type ConfigFlags } from '../config.js';
import { KeychainError } from '../credentials/keychain.js';
import { maskToken } from '../credentials/mask.js';
import { CredentialFileError } from '../credentials/file-store.js';
import { allRegions, probeToken, regionOfApp, type ProbeAnswer, type ProbeTarget } from '../intercom/probe.js';
import { USER_AGENT } from '../intercom/source.js';
import { CommandError, placeOf, type CommandIo } from './io.js';
import { checkTokenShape, promptHidden, readAll } from './read-token.js';

export interface LoginFlags extends ConfigFlags {
  withToken?: boolean;
  insecureStorage?: boolean;
}

/** Without --timeout-ms, a region that has not answered in 10 s counts as silent. */
export const LOGIN_TIMEOUT_MS = 10_000;

const where = (target: ProbeTarget) => (target.region ? `${target.region.toUpperCase()} (${new URL(target.baseUrl).host})` : new URL(target.baseUrl).host);

function refusal(answers: readonly ProbeAnswer[], asked: readonly ProbeTarget[]): string {
  const lines = asked.map((target) => {
    const answer = answers.find((a) => a.target === target);
    const said = answer && answer.outcome !== 'accepted' ? answer.reason : 'no answer';
    const verdict = answer?.outcome === 'rejected' ? 'rejected it' : answer?.outcome === 'timeout' ? 'did not answer' : 'could not check it';
    return `  ${where(target)}: ${verdict} (${said})`;
  });
  const rejectedAll = answers.length === asked.length && answers.every((a) => a.outcome === 'rejected');
  const forbidden = answers.some((a) => a.outcome === 'failed' && /HTTP 403/.test(a.reason));
  const advice = forbidden
    ? 'A 403 means the token belongs there but its app may not read the workspace: check its permissions ("Read conversations", "Read and list users and companies") in the Developer Hub.'
    : rejectedAll
      ? 'Check that you copied the whole token from the Intercom Developer Hub (your app > Authentication) and that it was not revoked.'
      : asked.length > 1
        ? 'Some regions could not be asked: check the network (and any proxy), then try again, or name the region with --region us|eu|au.'
        : 'Check the network (and any proxy, and --base-url), then try again.';
  const head = asked.length > 1 ? 'Intercom did not accept this token in any region' : 'Intercom did not accept this token';
  return `${head}, so nothing was stored:\n${lines.join('\n')}\n${advice}`;
}

export async function login(flags: LoginFlags, io: CommandIo): Promise<number> {
  const config = resolveConfig(flags, io.env);
  const { profile } = config;

  let token: string;
  if (flags.withToken) {
    token = (await readAll(io.stdin)).trim();
  } else if (io.stdin.isTTY) {
    io.err('Paste an Intercom access token (Developer Hub > your app > Authentication); it will not be shown.\n');
    token = (await promptHidden('Token: ', io.stdin, io.err)).trim();
  } else {
    throw new CommandError(
      'standard input is not a terminal, so there is no prompt for the token: pass it on stdin with --with-token (intercom-mcp login --with-token < token.txt)',
    );
  }
  checkTokenShape(token);

  // A base URL (a proxy, a test fake) or a named region is the only place asked; otherwise all three.
  const targets: ProbeTarget[] = config.baseUrlFrom
    ? [{ ...(config.regionFrom ? { region: config.region } : {}), baseUrl: config.baseUrl }]
    : config.regionFrom
      ? [{ region: config.region, baseUrl: config.baseUrl }]
      : allRegions();
  const timeoutMs = flags.timeoutMs !== undefined || io.env.INTERCOM_TIMEOUT_MS ? config.timeoutMs : LOGIN_TIMEOUT_MS;
  io.err(`Checking the token with Intercom (${targets.map(where).join(', ')})...\n`);
  const result = await probeToken({ token, targets, apiVersion: config.apiVersion, userAgent: USER_AGENT, timeoutMs });
  if (!result.accepted) throw new CommandError(refusal(result.answers, targets));

  const { target, me } = result.accepted;
  // Asked at a base URL with no region named, and /me naming none: the region is unknown, and none is stored
  // (storing the default would pass a guess off as found).
  const region = target.region ?? regionOfApp(me);
  const store = await io.store();
  let saved;
  try {
    saved = await store.save(profile, { token, ...(region ? { region } : {}) }, { insecure: flags.insecureStorage === true });
  } catch (error) {
    if (error instanceof KeychainError) {
      throw new CommandError(
        `the token works, but ${error.message}, so it was not stored. Unlock the keychain and run login again, or store it unencrypted in a file with --insecure-storage.`,
      );
    }
    if (error instanceof CredentialFileError) throw new CommandError(`the token works, but ${error.message}`);
    throw error;
  }

  const workspace = me.app?.name ? `"${me.app.name}"` : me.app?.id_code ? `app ${me.app.id_code}` : 'the workspace';
  const admin = me.email ?? me.name ?? 'an admin';
  const lines = [
    `Logged in to Intercom workspace ${workspace} (${region ? `region ${region}` : `at ${new URL(target.baseUrl).host}`}) as ${admin}, profile "${profile}".`,
    `Token ${maskToken(token)} stored in ${placeOf(saved.to, store, profile)}.`,
  ];
  if (!region) {
    lines.push(
      'Its region is unknown (no --region, and Intercom did not name one), so none was stored: the region comes from --region or INTERCOM_REGION, else the default.',
    );
  }
  if (saved.to === 'file') {
    lines.push(
      saved.fallbackReason
        ? `It is stored UNENCRYPTED because ${saved.fallbackReason.message}. Anyone who can read your files as you can read it.`
        : 'It is stored UNENCRYPTED (--insecure-storage). Anyone who can read your files as you can read it.',
    );
  }
  for (const other of saved.removedFrom) {
    lines.push(`The earlier copy of this profile's token in ${placeOf(other, store, profile)} was removed.`);
  }
  for (const stale of saved.staleCopies) {
    const place = stale.store === 'file' ? store.file.path : placeOf('keychain', store, profile);
    io.err(`Warning: an earlier copy of this profile's token may remain in ${place}: ${stale.reason}. Remove it by hand (see the README).\n`);
  }
  lines.push(
    profile === 'default'
      ? 'The MCP server uses it from its next tool call: no token in your MCP client config needed.'
      : `The MCP server uses it when started with --profile ${profile} (or INTERCOM_PROFILE=${profile}).`,
  );
  io.out(`${lines.join('\n')}\n`);
  if (io.env.INTERCOM_ACCESS_TOKEN?.trim()) {
    io.err('Note: INTERCOM_ACCESS_TOKEN is set in this environment; wherever it is set, it wins over the stored token.\n');
  }
  return 0;
}
