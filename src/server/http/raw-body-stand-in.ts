// Stands in for `raw-body` in the bundle (tsup.config.ts aliases it). The legacy SSE transport reads a POST
// body with it only when it is not handed one, and src/server/http/serve.ts always hands it the parsed
// body (read under our own size limit); raw-body would bring iconv-lite, about 490 kB, for nothing.
// test/e2e/serve.e2e.test.ts posts to /messages through the built bundle, so a transport that starts
// reading bodies itself fails there.
export default function getRawBody(): never {
  throw new Error('intercom-mcp reads request bodies itself (raw-body is not bundled)');
}
