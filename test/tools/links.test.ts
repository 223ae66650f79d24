import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, toolHarness } from './harness.js';

// Links into the web app need GET /me. It is asked once, alongside the first call, and never holds an
// answer up: while it is outstanding, answers simply carry no urls.
describe('links into the Intercom web app', () => {
  const h = toolHarness();

  it('a failing GET /me costs no answer its content', async () => {
    h.use(http.get(`${API}/me`, () => HttpResponse.json({ type: 'error.list', errors: [] }, { status: 500 })));
    const out = await h.call('get_contact', { id: h.fake.workspace.contacts[0]!.id });
    expect(out.isError).toBe(false);
    expect(out.structured.email).toBeTruthy();
    expect(out.structured.url).toBeUndefined();
  });


  it('a slow GET /me does not hold up the answer; the next answer has links', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let meRequests = 0;
    h.use(
      http.get(`${API}/me`, async ({ request }) => {
        meRequests++;
        await gate; // held until the first answer is back: had the tool waited for it, this test would hang
        return h.fake.handle(request);
      }),
    );
    const first = await h.call('fetch', { id: 'conversation_1003' });
    expect(first.isError).toBe(false);
    expect(first.structured.url).toBeUndefined();
    expect(first.structured.text.length).toBeGreaterThan(100);

    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await h.call('fetch', { id: 'conversation_1003' });
    expect(second.structured.url).toBe('https://app.intercom.com/a/inbox/abc12345/inbox/conversation/1003');
    expect(meRequests).toBe(1);
  });
});
