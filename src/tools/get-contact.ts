import * as z from 'zod';
import { projectContact } from '../format/index.js';
import { parseRecordRef } from '../intercom/ids.js';
import { defineTool, READ_ONLY } from './define-tool.js';
import { recordIdSchema } from './schemas.js';

export const getContactTool = defineTool({
  name: 'get_contact',
  title: 'Get an Intercom contact',
  description:
    'Get one contact (user or lead) by id: name, email, phone, role, location, activity timestamps, ' +
    'browser and OS, custom attributes, tags and companies, with a link to the contact in Intercom.',
  inputSchema: z.object({ id: recordIdSchema('Contact') }),
  outputSchema: z.looseObject({ id: z.string(), url: z.string().optional() }),
  annotations: READ_ONLY,
  async handler({ id }, ctx) {
    const ref = parseRecordRef(id, 'contact');
    const [contact, links] = await ctx.withLinks(ctx.intercom.getContact(ref.id, { signal: ctx.signal }));
    return { ...projectContact(contact, links) };
  },
});
