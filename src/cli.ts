import { writeErr, writeOut } from './cli/output.js';
import { ConfigError, resolveConfig, type ConfigFlags } from './config.js';
import { REGION_NAMES } from './intercom/regions.js';
import { TOOLSET_NAMES } from './tools/toolsets.js';

// Start-up is paid every time a chat opens, so the common case (no command, maybe a few options) is
// parsed here by hand and commander (40 kB) is only loaded for help, version, sub-commands and anything
// unusual, where it gives the exact same result it always did.

const VALUE_FLAGS: Readonly<Record<string, keyof ConfigFlags>> = {
  '--region': 'region',
  '--base-url': 'baseUrl',
  '--api-version': 'apiVersion',
  '--timeout-ms': 'timeoutMs',
  '--profile': 'profile',
  '--toolsets': 'toolsets',
};
const REGION_CHOICES: readonly string[] = REGION_NAMES;

/** The server's flags: the config's, and demo mode (`--demo` or INTERCOM_MCP_DEMO=1). */
type ServeFlags = ConfigFlags & { demo?: boolean };

/** Demo mode is on with `--demo` or INTERCOM_MCP_DEMO=1 (or `true`). */
function isDemo(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag) return true;
  const value = env.INTERCOM_MCP_DEMO?.trim().toLowerCase();
  return value === '1' || value === 'true';
}

/** The flags when argv is nothing but known options with plain values; otherwise undefined. */
function parseServerArgs(args: readonly string[]): ServeFlags | undefined {
  const flags: ServeFlags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--demo') {
      flags.demo = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const key = VALUE_FLAGS[name];
    if (!key) return undefined;
    const value = name !== arg ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value.startsWith('-')) return undefined;
    if (key === 'region' && !REGION_CHOICES.includes(value.toLowerCase())) return undefined;
    flags[key] = value;
  }
  return flags;
}

async function serve({ demo, ...flags }: ServeFlags): Promise<void> {
  let config;
  try {
    config = resolveConfig(flags, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      writeErr(`intercom-mcp: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const { runStdioServer } = await import('./server/stdio.js');
  await runStdioServer(config, { demo: isDemo(demo) });
}

type CommandName = 'login' | 'logout' | 'status';

/** Runs a credential command; its exit code, or 1 with its message (a ConfigError: 2). Loaded only when used. */
async function runCommand(name: CommandName, flags: Record<string, unknown>): Promise<number> {
  const [{ processIo, CommandError }, commands] = await Promise.all([
    import('./commands/io.js'),
    name === 'login' ? import('./commands/login.js') : name === 'logout' ? import('./commands/logout.js') : import('./commands/status.js'),
  ]);
  try {
    const run = (commands as Record<string, (f: Record<string, unknown>, io: ReturnType<typeof processIo>) => Promise<number>>)[name]!;
    return await run(flags, processIo({ out: writeOut, err: writeErr }));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CommandError) {
      writeErr(`intercom-mcp: ${error.message}\n`);
      return error instanceof ConfigError ? 2 : 1;
    }
    throw error;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface ServeHttpFlags extends ServeFlags {
  port?: string;
  host: string;
  allowedOrigin: string[];
  allowedHost: string[];
}

/** `serve`: resolves the settings (usage errors exit 2), then hands over to the HTTP server, loaded only now. */
async function runServe({ port, host, allowedOrigin, allowedHost, demo, ...flags }: ServeHttpFlags): Promise<number | undefined> {
  const usage = (message: string) => {
    writeErr(`intercom-mcp serve: ${message}\n`);
    return 2;
  };
  const portFrom = port !== undefined ? '--port' : process.env.PORT !== undefined ? 'PORT' : undefined;
  const rawPort = (port ?? process.env.PORT ?? '8080').trim();
  const portNumber = Number(rawPort);
  if (!/^\d{1,5}$/.test(rawPort) || portNumber > 65_535) return usage(`${portFrom} ${JSON.stringify(rawPort.slice(0, 20))} is not a port: use 0-65535 (0 picks a free one)`);
  const badOrigin = allowedOrigin.find((o) => !/^https?:\/\/[^/?#@\s]+$/i.test(o.replace(/\/$/, '')));
  if (badOrigin !== undefined) return usage(`--allowed-origin ${JSON.stringify(badOrigin.slice(0, 100))} is not an origin: use scheme://host[:port], e.g. https://app.example.com`);
  let config;
  try {
    config = resolveConfig(flags, process.env);
    const { runHttpServer } = await import('./server/http/serve.js');
    await runHttpServer(config, { port: portNumber, host, allowedOrigins: allowedOrigin, allowedHosts: allowedHost, demo: isDemo(demo) });
  } catch (error) {
    if (error instanceof ConfigError) return usage(error.message);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return usage(`port ${portNumber} on ${host} is in use: pick another with --port (0 picks a free one)`);
    if ((error as NodeJS.ErrnoException).code === 'EACCES') return usage(`not allowed to listen on port ${portNumber} (ports below 1024 need privileges): pick another with --port`);
    if ((error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL' || (error as NodeJS.ErrnoException).code === 'ENOTFOUND') return usage(`cannot bind to ${JSON.stringify(host.slice(0, 100))}: not an address of this machine`);
    throw error;
  }
  return undefined;
}

async function runProgram(argv: readonly string[]): Promise<void> {
  const { Command, CommanderError, Option } = await import('commander');
  let exitCode: number | undefined;
  const program = new Command()
    .name('intercom-mcp')
    // Usage errors exit 2 (the catch below), not commander's 1; set before the sub-commands, which inherit it.
    .exitOverride()
    .description(
      'MCP server giving AI assistants read access to an Intercom workspace (conversations and contacts). ' +
        'With no command it serves the tools over stdio: put `npx -y intercom-mcp` in your MCP client ' +
        'config, after storing a token once with `npx -y intercom-mcp login`.',
    )
    .version(__VERSION__, '-v, --version', 'print the version')
    .addOption(new Option('--region <region>', 'Intercom region of the workspace (env INTERCOM_REGION; default: the region stored by login, else us)').choices(REGION_CHOICES))
    .addOption(new Option('--base-url <url>', 'API base URL override, e.g. a proxy (env INTERCOM_API_BASE_URL)'))
    .addOption(new Option('--api-version <version>', 'Intercom-Version header (env INTERCOM_API_VERSION, default 2.16)'))
    .addOption(new Option('--timeout-ms <ms>', 'per-request timeout in ms (env INTERCOM_TIMEOUT_MS, default 30000)'))
    .addOption(new Option('--profile <name>', 'which stored token to use, for several workspaces (env INTERCOM_PROFILE, default "default")'))
    .addOption(new Option('--toolsets <list>', `the tool families to serve, comma-separated: ${TOOLSET_NAMES.join(', ')}, or all (env INTERCOM_TOOLSETS, default all)`))
    .addOption(new Option('--demo', 'answer from a built-in sample workspace: no token, no network (env INTERCOM_MCP_DEMO=1)'))
    .addHelpText(
      'after',
      '\nToken: run `intercom-mcp login` once to store it in the OS keychain (or set INTERCOM_ACCESS_TOKEN,\n' +
        'which wins). Get one in the Intercom Developer Hub > your app > Authentication.\n' +
        'Scopes needed: "Read conversations" and "Read and list users and companies".',
    )
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({ writeOut, writeErr })
    .action((flags: ServeFlags) => serve(flags));

  const command = (name: CommandName | 'serve', description: string) =>
    program
      .command(name)
      .description(description)
      .configureHelp({ showGlobalOptions: true })
      .configureOutput({ writeOut, writeErr });
  command('login', 'check an access token with Intercom and store it, with its region, in the OS keychain')
    .option('--with-token', 'read the token from standard input instead of a prompt (intercom-mcp login --with-token < token.txt)')
    .option('--insecure-storage', 'store the token unencrypted in the credentials file even where a keychain is reachable')
    .addHelpText(
      'after',
      '\nWithout --region or --base-url the token is tried against the US, EU and AU APIs at once; the one that\n' +
        'accepts it is stored with it. Where no OS keychain is reachable it goes to\n' +
        '$XDG_CONFIG_HOME/intercom-mcp/credentials.json (%APPDATA% on Windows), unencrypted, mode 0600.',
    )
    .action(async (_opts: unknown, cmd: InstanceType<typeof Command>) => {
      exitCode = await runCommand('login', cmd.optsWithGlobals());
    });
  command('logout', "remove the profile's stored token from the OS keychain and the credentials file").action(
    async (_opts: unknown, cmd: InstanceType<typeof Command>) => {
      exitCode = await runCommand('logout', cmd.optsWithGlobals());
    },
  );
  command('status', 'show which token is in effect, where it comes from, and whether Intercom accepts it (exit 0 if usable)')
    .option('--json', 'print the status as JSON')
    .action(async (_opts: unknown, cmd: InstanceType<typeof Command>) => {
      exitCode = await runCommand('status', cmd.optsWithGlobals());
    });

  command('serve', 'serve the tools over HTTP (Streamable HTTP at /mcp, legacy SSE at /sse) to callers who each send their own token')
    .option('--port <n>', 'TCP port; 0 picks a free one (env PORT, default 8080)')
    .option('--host <host>', 'address to bind; anything but loopback makes the server reachable from the network', '127.0.0.1')
    .option('--allowed-origin <origin>', 'a browser origin (scheme://host:port) allowed besides local pages; repeatable', collect, [])
    .option('--allowed-host <host:port>', 'a Host header value accepted besides localhost/127.0.0.1 on loopback (behind a proxy); repeatable', collect, [])
    .addHelpText(
      'after',
      '\nEvery request must carry "Authorization: Bearer <the caller\'s Intercom access token>", used for that request\n' +
        'only; INTERCOM_ACCESS_TOKEN and the keychain are not used. With --demo it serves the sample workspace, no token\n' +
        'needed, on loopback only. See the README, "Self-hosting".',
    )
    .action(async (_opts: unknown, cmd: InstanceType<typeof Command>) => {
      exitCode = await runServe(cmd.optsWithGlobals());
    });

  // The demo workspace and the tools from a terminal (`tools`, `call`): src/cli/tool-commands.ts.
  const { registerToolCommands } = await import('./cli/tool-commands.js');
  registerToolCommands(program, { isDemo, resolveConfig, ConfigError, writeOut, writeErr });
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Commander has printed its message; help and version end well, any usage error exits 2.
    const shown = error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version';
    exitCode = shown ? 0 : 2;
  }
  if (exitCode !== undefined) {
    process.exitCode = exitCode;
    // A keychain or region that never answered may hold the event loop open: its answer no longer matters.
    setTimeout(() => process.exit(exitCode), 100).unref();
  }
}

const fast = parseServerArgs(process.argv.slice(2));
(fast ? serve(fast) : runProgram(process.argv)).catch((error: unknown) => {
  writeErr(`intercom-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
