// Where the token and the wire come from, for every transport (stdio, `call`): the real ones, or in demo
// mode the emulator's, imported only then so its code and data stay out of the normal start path.
import { createTokenSource } from '../credentials/resolve.js';
import type { ServerFactoryOptions } from './server-factory.js';

export type Wiring = Pick<ServerFactoryOptions, 'getToken' | 'client' | 'demo'>;

export async function wiring(options: { demo: boolean; env?: NodeJS.ProcessEnv }): Promise<Wiring> {
  if (!options.demo) return { getToken: createTokenSource(options.env ?? process.env) };
  const { createDemoWire } = await import('../demo/index.js');
  const wire = createDemoWire();
  return { getToken: () => wire.token, client: { fetch: wire.fetch }, demo: true };
}
