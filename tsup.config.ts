import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// A minified ESM bundle with every runtime dependency inside but one: `npx -y intercom-mcp` installs this
// package, @napi-rs/keyring and its one prebuilt binary for the platform. The keychain addon cannot be
// bundled (a native .node file per platform), so it stays a runtime dependency, imported only when a
// credential is read or written. Split into a few chunks on purpose: start-up loads the server chunk only, while commander
// (help, version) and the HTTP client (first tool call) load when they are first needed.
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  bundle: true,
  noExternal: [/^(?!@napi-rs\/keyring$)/],
  external: ['@napi-rs/keyring'],
  minify: true,
  treeshake: true,
  splitting: true,
  sourcemap: false,
  dts: false,
  define: { __VERSION__: JSON.stringify(pkg.version) },
  esbuildOptions(options) {
    // The SDK's Node shim loads Ajv just for elicitation answers, which this server never asks for.
    // `_shims` is a private export of the SDK (pinned to an exact version in package.json for that reason):
    // test/e2e/bundle.e2e.test.ts fails if this alias stops applying (Ajv back in dist/, the stand-in gone)
    // or if the SDK starts using the validator on a path this server takes. Check it on every SDK update.
    options.alias = {
      ...options.alias,
      '@modelcontextprotocol/server/_shims': fileURLToPath(new URL('./src/server/sdk-shims.ts', import.meta.url)),
      // The same for the MCP client that `intercom-mcp call` runs in process (src/cli/call.ts).
      '@modelcontextprotocol/client/_shims': fileURLToPath(new URL('./src/cli/sdk-client-shims.ts', import.meta.url)),
      // The legacy SSE transport's body reader (and iconv-lite under it), never called: see the stand-in.
      'raw-body': fileURLToPath(new URL('./src/server/http/raw-body-stand-in.ts', import.meta.url)),
    };
  },
  // Bundled CommonJS dependencies call require(); ESM has none, so give them one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
