// Stands in for `@modelcontextprotocol/client/_shims` in the bundle (tsup.config.ts aliases it), as
// src/server/sdk-shims.ts does for the server: the SDK's Node shim brings Ajv to check tool results
// against their outputSchema. `call` passes its own validator instead (the server beside it, in the
// same process, has already checked each result with zod), so Ajv stays out of dist/.
export class DefaultJsonSchemaValidator {
  getValidator(): never {
    throw new Error('intercom-mcp call brings no JSON Schema validator of its own (the server validates)');
  }
}

export const CORS_IS_POSSIBLE = false;
