import { Command, Option } from 'commander';
import { writeErr, writeOut } from './cli/output.js';
import { ConfigError, resolveConfig, type ConfigFlags } from './config.js';

const program = new Command()
  .name('intercom-mcp')
  .description(
    'MCP server giving AI assistants read access to an Intercom workspace (conversations and contacts).\n' +
      'With no command it serves the tools over stdio: put `npx -y intercom-mcp` in your MCP client config.',
  )
  .version(__VERSION__, '-v, --version', 'print the version')
  .addOption(new Option('--region <region>', 'Intercom region of the workspace (env INTERCOM_REGION)').choices(['us', 'eu', 'au']))
  .addOption(new Option('--base-url <url>', 'API base URL override, e.g. a proxy (env INTERCOM_API_BASE_URL)'))
  .addOption(new Option('--api-version <version>', 'Intercom-Version header (env INTERCOM_API_VERSION, default 2.16)'))
  .addOption(new Option('--timeout-ms <ms>', 'per-request timeout in ms (env INTERCOM_TIMEOUT_MS, default 30000)'))
  .addHelpText(
    'after',
    '\nToken: set INTERCOM_ACCESS_TOKEN (Intercom Developer Hub > your app > Authentication).\n' +
      'Scopes needed: "Read conversations" and "Read and list users and companies".',
  )
  .configureOutput({ writeOut, writeErr })
  .action(async (flags: ConfigFlags) => {
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
    runStdioServer(config);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  writeErr(`intercom-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
