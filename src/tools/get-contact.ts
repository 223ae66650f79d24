import * as z from 'zod';
import { projectContact } from '../format/index.js';
import { CONTACT_OPTIONS } from '../records/contact.js';
import { RECORDS } from '../records/index.js';
import { defineTool, READ_ONLY } from './define-tool.js';
import { recordRef } from './record-ref.js';
import { recordIdSchema } from './schemas.js';

export const getContactTool = defineTool({
  name: 'get_contact',
  toolset: 'contacts',
  title: 'Get an Intercom contact',
  description:
    'Get one contact (user or lead) by id: name, email, phone, role, location, activity timestamps, ' +
    'browser and OS, custom attributes, tags and companies, with a link to the contact in Intercom.',
  inputSchema: z.object({ id: recordIdSchema('Contact') }),
  outputSchema: z.looseObject({ id: z.string(), url: z.string().optional() }),
  annotations: READ_ONLY,
  async handler({ id }, ctx) {
    const ref = recordRef(id, 'contact');
    const [contact, links, names] = await RECORDS.contact.read(ctx, ref.id);
    return { ...projectContact(contact, links, names, CONTACT_OPTIONS) };
  },
});
