import * as z from 'zod';

// Output shapes shared by several tools. Kept small: every byte here is in `tools/list`, which the
// assistant pays for in every conversation.

export const searchResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  url: z.string().optional(),
});

export const resultPageSchema = z.object({
  results: z.array(searchResultSchema),
  total_count: z.number().int().optional(),
  next_starting_after: z.string().optional(),
  _note: z.string().optional(),
});

export const documentSchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  url: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()),
});

export const pageSizeSchema = z
  .number()
  .int()
  .min(1)
  .max(150)
  .optional()
  .describe('Results per page, 1-150 (default 5)');

export const cursorSchema = z
  .string()
  .max(512)
  .optional()
  .describe('next_starting_after of the previous page');

export const recordIdSchema = (what: string) =>
  z
    .string()
    .max(2048)
    .describe(`${what} id: raw (123), prefixed (${what.toLowerCase()}_123) or an Intercom web-app URL`);
