// Stands in for `@modelcontextprotocol/server/_shims` in the bundle (tsup.config.ts aliases it). The
// SDK's Node shim imports Ajv (about 150 kB minified, a third of the start-up parse) only to validate
// the answers to form elicitations, which this server never sends. Tests run the real SDK unbundled.
import process from 'node:process';

export class DefaultJsonSchemaValidator {
  getValidator(): never {
    throw new Error('intercom-mcp does not validate JSON Schema at runtime (no elicitation)');
  }
}

export { process };
