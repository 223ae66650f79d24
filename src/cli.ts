import { writeErr, writeOut } from './cli/output.js';
import { ConfigError, resolveConfig, type ConfigFlags } from './config.js';
import { REGION_NAMES } from './intercom/regions.js';

// Start-up is paid every time a chat opens, so the common case (no command, maybe a few options) is
// parsed here by hand and commander (40 kB) is only loaded for help, version, sub-commands and anything
// unusual, where it gives the exact same result it always did.

const VALUE_FLAGS: Readonly<Record<string, keyof ConfigFlags>> = {
  '--region': 'region',
  '--base-url': 'baseUrl',
  '--api-version': 'apiVersion',
  '--timeout-ms': 'timeoutMs',
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

async function runProgram(argv: readonly string[]): Promise<void> {
  const { Command, Option } = await import('commander');
  const program = new Command()
    .name('intercom-mcp')
    .description(
      'MCP server giving AI assistants read access to an Intercom workspace (conversations and contacts).\n' +
        'With no command it serves the tools over stdio: put `npx -y intercom-mcp` in your MCP client config.',
    )
    .version(__VERSION__, '-v, --version', 'print the version')
    .addOption(new Option('--region <region>', 'Intercom region of the workspace (env INTERCOM_REGION)').choices(REGION_CHOICES))
    .addOption(new Option('--base-url <url>', 'API base URL override, e.g. a proxy (env INTERCOM_API_BASE_URL)'))
    .addOption(new Option('--api-version <version>', 'Intercom-Version header (env INTERCOM_API_VERSION, default 2.16)'))
    .addOption(new Option('--timeout-ms <ms>', 'per-request timeout in ms (env INTERCOM_TIMEOUT_MS, default 30000)'))
    .addOption(new Option('--demo', 'answer from a built-in sample workspace: no token, no network (env INTERCOM_MCP_DEMO=1)'))
    .addHelpText(
      'after',
      '\nToken: set INTERCOM_ACCESS_TOKEN (Intercom Developer Hub > your app > Authentication).\n' +
        'Scopes needed: "Read conversations" and "Read and list users and companies".',
    )
    .configureOutput({ writeOut, writeErr })
    .action((flags: ServeFlags) => serve(flags));
  // The demo workspace and the tools from a terminal (`tools`, `call`): src/cli/tool-commands.ts.
  const { registerToolCommands } = await import('./cli/tool-commands.js');
  registerToolCommands(program, { isDemo, resolveConfig, ConfigError, writeOut, writeErr });
  await program.parseAsync(argv as string[]);
}

const fast = parseServerArgs(process.argv.slice(2));
(fast ? serve(fast) : runProgram(process.argv)).catch((error: unknown) => {
  writeErr(`intercom-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
