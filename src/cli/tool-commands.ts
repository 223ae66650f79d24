// `tools` and `call`: the server's tools from a terminal. Registered on the program built in cli.ts and
// kept here, so the sub-commands of the CLI grow side by side without crowding cli.ts. The work is in
// call.ts, loaded when one of these runs (it brings the MCP client).
import type { Command } from 'commander';
import type { ConfigFlags } from '../config.js';
import type { CliDeps } from './call.js';

export type { CliDeps };

type GlobalFlags = ConfigFlags & { demo?: boolean; json?: boolean };

export function registerToolCommands(program: Command, deps: CliDeps): void {
  program
    .command('tools')
    .description('list the tools: name, what it does, its arguments (those of --toolsets, if given)')
    .action(async (_options: unknown, command: Command) => {
      const { toolsets } = command.optsWithGlobals<GlobalFlags>();
      const { runTools } = await import('./call.js');
      process.exitCode = await runTools(deps, toolsets);
    });

  program
    .command('call')
    .description('run one tool and print its result (try: call search "object_type:conversations state:open" --demo)')
    .argument('<tool>', 'the tool name (intercom-mcp tools lists them)')
    .argument('[args]', "a JSON object of arguments, or, for search, fetch, get_conversation and get_contact, the one string they need")
    .option('--json', 'print the structured result as JSON')
    .configureHelp({ showGlobalOptions: true })
    // An unquoted query (call search object_type:conversations state:open) arrives as several words: they
    // are joined back into the one argument, as the shell split them.
    .allowExcessArguments(true)
    .action(async (tool: string, args: string | undefined, _options: unknown, command: Command) => {
      const { demo, json, ...flags } = command.optsWithGlobals<GlobalFlags>();
      const words = command.args.slice(1);
      const joined = words.length > 1 ? words.join(' ') : args;
      const { runCall } = await import('./call.js');
      process.exitCode = await runCall(deps, { tool, args: joined, json: json === true, demo: deps.isDemo(demo), flags });
    });
}
