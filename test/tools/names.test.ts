// Names, not ids: contacts and conversations read tag, admin and team names from the directory cache,
// which asks each list once per client and refreshes it after a few minutes.
import { describe, expect, it } from 'vitest';
import { toolHarness } from './harness.js';

const h = toolHarness();
const paths = (requests: Request[]) => requests.map((r) => new URL(r.url).pathname).sort();

describe('names through the tools (one harness: the first call is cold, the rest warm)', () => {
  it('get_conversation names its assignees: /admins and /teams asked once, after the conversation', async () => {
    const ws = h.fake.workspace;
    const c = ws.conversations.find((x) => x.admin_assignee_id && x.team_assignee_id)!;
    const admin = ws.admins.find((a) => a.id === String(c.admin_assignee_id))!;
    const team = ws.teams.find((t) => t.id === c.team_assignee_id)!;
    const out = await h.call('get_conversation', { id: c.id });
    expect(out.isError, out.text).toBe(false);
    expect(paths(h.apiRequests())).toEqual([`/conversations/${c.id}`]);
    expect(paths(h.directoryRequests())).toEqual(['/admins', '/teams']);
    expect(out.structured.admin_assignee).toEqual({ id: admin.id, name: admin.name });
    expect(out.structured.team_assignee).toEqual({ id: String(team.id), name: team.name });
  });

  it('warm: the next calls ask Intercom once each, nothing from the directory', async () => {
    const ws = h.fake.workspace;
    const c = ws.conversations.filter((x) => x.admin_assignee_id && x.team_assignee_id)[1]!;
    const out = await h.call('fetch', { id: `conversation_${c.id}` });
    expect(out.isError, out.text).toBe(false);
    expect(h.apiRequests()).toHaveLength(1);
    expect(h.directoryRequests()).toHaveLength(0);
    const team = ws.teams.find((t) => t.id === c.team_assignee_id)!;
    expect(out.structured.metadata.team_assignee).toBe(team.name);
  });

  it('get_contact names its tags (one /tags) and its owner (admins already known)', async () => {
    const ws = h.fake.workspace;
    const contact = ws.contacts[5]!; // 12 tags, 10 listed
    const out = await h.call('get_contact', { id: contact.id });
    expect(out.isError, out.text).toBe(false);
    expect(paths(h.directoryRequests())).toEqual(['/tags']);
    const names = contact.tags.data.map((t) => ws.tags.find((x) => x.id === t.id)!.name);
    expect(out.structured.tags).toEqual({ total: 12, names, has_more: true });
    const owned = ws.contacts.find((x) => x.owner_id)!;
    h.allRequests().length = 0;
    const doc = await h.call('fetch', { id: `contact_${owned.id}` });
    expect(h.directoryRequests()).toHaveLength(0);
    const owner = ws.admins.find((a) => a.id === owned.owner_id)!;
    expect(doc.structured.text).toContain(`Owner: ${owner.name}\nOwner (admin id): ${owner.id}`);
  });

  it('search asks no directory: summaries name nothing by id', async () => {
    const out = await h.call('search', { query: 'object_type:contacts role:user limit:3' });
    expect(out.isError).toBe(false);
    expect(h.directoryRequests()).toHaveLength(0);
    expect(h.apiRequests()).toHaveLength(1);
  });
});
