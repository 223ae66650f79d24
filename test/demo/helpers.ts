// Small request helpers shared by this folder's tests (no framework imports).
import type { IntercomEmulator } from '../../src/demo/emulator.js';

export const BASE = 'https://api.intercom.io';

export function get(fake: IntercomEmulator, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fake.handle(new Request(`${BASE}${path}`, { headers: { authorization: `Bearer ${fake.token}`, accept: 'application/json', ...headers } }));
}

export function post(fake: IntercomEmulator, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fake.handle(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
