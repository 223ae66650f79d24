// Where the token and the wire come from, for every transport (stdio, `call`): the real ones (the
// environment, the keychain, the credentials file), or in demo mode the emulator's, imported only then so
// its code and data stay out of the normal start path.
import { createCredentialSource } from '../credentials/resolve.js';
import type { ServerFactoryOptions } from './server-factory.js';

export type Wiring = Pick<ServerFactoryOptions, 'credentials' | 'client' | 'demo'>;

export async function wiring(options: { demo: boolean; profile: string; env?: NodeJS.ProcessEnv }): Promise<Wiring> {
  if (!options.demo) return { credentials: createCredentialSource({ env: options.env ?? process.env, profile: options.profile }) };
  const { createDemoWire } = await import('../demo/index.js');
  const wire = createDemoWire();
  return { credentials: () => ({ token: wire.token }), client: { fetch: wire.fetch }, demo: true };
}
