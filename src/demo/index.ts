// Demo mode's wire: a fetch answered by the in-process emulator over the built-in workspace. No socket,
// no token, no keychain. Loaded only by `--demo` (a chunk of its own), so normal start-up never reads it.
import { IntercomEmulator } from './emulator.js';
import { sampleWorkspace } from './workspace.js';

/** Not a secret: the emulator's only accepted token, so the real client sends a real Authorization header. */
export const DEMO_TOKEN = 'demo-workspace-token';

const DAY = 86_400;

export interface DemoWire {
  readonly token: string;
  /** For the Intercom client's `fetch` option: every request goes to the emulator, whatever the base URL. */
  readonly fetch: typeof globalThis.fetch;
}

/**
 * The demo's wire. The workspace is dated up to the start of today (UTC), so ages in queries (`created_at:gt:7d`)
 * find records; everything else in it is the same on every run.
 */
export function createDemoWire(now: number = Date.now()): DemoWire {
  const today = Math.floor(now / 1000 / DAY) * DAY;
  const emulator = new IntercomEmulator({ token: DEMO_TOKEN, workspace: sampleWorkspace({ baseTime: today }), record: false });
  return {
    token: DEMO_TOKEN,
    fetch: (input, init) => emulator.handle(new Request(input, init)),
  };
}
