// The layers under the tools word no tool names: a tool can be renamed, or a formatter reused by another
// tool, without a lower layer telling the assistant to call something that is not there. Hints that name a
// tool come from the tool side: the tools and the registry of record kinds (records/), which names each
// kind's tools (e.g. PartWindow.continueHint from records/conversation.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../source-lines.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const LAYERS = ['format/', 'query/', 'intercom/'] as const;
// `fetch` and `search` are everyday words; these can only be tool names.
const TOOL_NAME = /\b(search_conversations|get_conversation|search_contacts|get_contact|search_articles|list_articles|get_article)\b/;

/** Lines of `text` with a string or template literal that names a tool, as "file:line: literal". */
function literalsNamingTools(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const literal =
      ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) ? node.text : undefined;
    if (literal !== undefined && TOOL_NAME.test(literal)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${file}:${line + 1}: ${literal}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('tool names below the tool layer', () => {
  it('the scan finds a tool name in any kind of string literal, and only there', () => {
    const sample = [
      '// get_contact in a comment is fine',
      "const a = 'use get_contact';",
      'const b = `Call ${x} get_conversation with part_offset`;',
      'const c = `${x} then search_contacts ${y}`;',
      'const get_conversation = "get_conversations_list"; /* search_conversations */',
      'const d = "search_conversations";',
    ].join('\n');
    expect(literalsNamingTools('sample.ts', sample)).toEqual([
      'sample.ts:2: use get_contact',
      'sample.ts:3:  get_conversation with part_offset',
      'sample.ts:4:  then search_contacts ',
      'sample.ts:6: search_conversations',
    ]);
  });

  it.each(LAYERS)('src/%s words no tool name in its strings', (layer) => {
    const files = sourceFiles().filter((f) => f.startsWith(layer));
    expect(files.length).toBeGreaterThan(0);
    const found = files.flatMap((f) => literalsNamingTools(f, readFileSync(join(SRC, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
