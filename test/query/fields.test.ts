import { describe, expect, it } from 'vitest';
import {
  CONTACT_FIELDS, CONVERSATION_FIELDS, FREE_TEXT_FIELDS, INTERCOM_OPERATOR, OPERATOR_WORDS, type FieldSpec,
} from '../../src/query/fields.js';
import { DSL_CHEATSHEET, parseSearchQuery, searchableFields } from '../../src/query/index.js';
import { NOW, SPEC_FILTER_OPERATORS, pathBlock, schemaBlock } from './helpers.js';

/** Rows of the "Accepted Fields" table in a search endpoint's description: field → type text. */
function acceptedFields(path: string): Map<string, string> {
  const block = pathBlock(path);
  const table = block.slice(block.indexOf('### Accepted Fields'), block.indexOf('### Accepted Operators'));
  const rows = new Map<string, string>();
  for (const m of table.matchAll(/^\s*\|\s*([a-z_.{}]+)\s*\|\s*([^|]+?)\s*\|\s*$/gm)) {
    if (m[1] !== 'field' && !m[1]!.startsWith(':')) rows.set(m[1]!, m[2]!);
  }
  return rows;
}

const TABLES = [
  { objectType: 'conversations', path: '/conversations/search', fields: CONVERSATION_FIELDS },
  { objectType: 'contacts', path: '/contacts/search', fields: CONTACT_FIELDS },
] as const;

function expectedType(f: FieldSpec): string {
  if (f.type === 'date') return 'Date';
  if (f.type === 'boolean') return 'Boolean';
  if (f.type === 'integer' || f.numeric) return 'Integer';
  return 'String';
}

describe('field catalogue against the 2.16 spec', () => {
  for (const { objectType, path, fields } of TABLES) {
    const rows = acceptedFields(path);

    it(`${objectType}: the spec table was read`, () => {
      expect(rows.size).toBeGreaterThan(40);
    });

    it(`${objectType}: every catalogued field appears in the spec's searchable-field table, with its type`, () => {
      for (const f of fields) {
        const specName = f.specName ?? f.field;
        expect(rows.has(specName), `${specName} in ${path}`).toBe(true);
        expect(rows.get(specName)!.startsWith(expectedType(f)), `${specName}: ${rows.get(specName)}`).toBe(true);
      }
    });

    it(`${objectType}: every field of the spec table is catalogued`, () => {
      const known = new Set(fields.map((f) => f.specName ?? f.field));
      const missing = [...rows.keys()].filter((k) => !known.has(k) && k !== 'custom_attributes.{attribute_name}');
      expect(missing).toEqual([]);
    });

    it(`${objectType}: names are unique and flattened from the dotted field`, () => {
      const names = fields.map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      for (const f of fields) expect(f.name).toBe(f.field.replace(/\./g, '_'));
      expect(searchableFields(objectType).slice(0, fields.length)).toEqual(names);
    });

    it(`${objectType}: every field accepts eq, and every operator maps to one the schema allows`, () => {
      for (const f of fields) {
        expect(f.operators).toContain('eq');
        for (const op of f.operators) expect(SPEC_FILTER_OPERATORS).toContain(INTERCOM_OPERATOR[op]);
      }
    });

    it(`${objectType}: every field is reachable by flattened and dotted name`, () => {
      for (const f of fields) {
        const value = f.type === 'date' ? '1700000000' : f.type === 'boolean' ? 'true' : f.type === 'integer' || f.numeric ? '5'
          : f.type === 'enum' ? f.values![0]! : 'x';
        for (const name of new Set([f.name, f.field])) {
          const { body } = parseSearchQuery(`object_type:${objectType} ${name}:${value}`, { now: NOW });
          expect(body.query).toMatchObject({ field: f.field, operator: '=' });
        }
      }
    });
  }

  it('the spec table has custom attributes for contacts only', () => {
    expect(acceptedFields('/contacts/search').has('custom_attributes.{attribute_name}')).toBe(true);
    expect(acceptedFields('/conversations/search').has('custom_attributes.{attribute_name}')).toBe(false);
  });

  it('enum values match the schemas', () => {
    const conversation = schemaBlock('conversation');
    const state = CONVERSATION_FIELDS.find((f) => f.name === 'state')!;
    const priority = CONVERSATION_FIELDS.find((f) => f.name === 'priority')!;
    for (const v of [...state.values!, ...priority.values!]) expect(conversation).toContain(`          - ${v}\n`);
    const sourceType = CONVERSATION_FIELDS.find((f) => f.name === 'source_type')!;
    const row = acceptedFields('/conversations/search').get('source.type')!;
    for (const v of sourceType.values!) expect(row).toContain(`\`${v}\``);
    const aiAgent = schemaBlock('ai_agent');
    for (const name of ['ai_agent_resolution_state', 'ai_agent_last_answer_type', 'ai_agent_source_type']) {
      for (const v of CONVERSATION_FIELDS.find((f) => f.name === name)!.values!) expect(aiAgent).toContain(`- ${v}\n`);
    }
    expect(acceptedFields('/contacts/search').get('role')).toContain('Accepts user or lead');
  });

  it('every DSL operator maps to an Intercom operator the schema allows', () => {
    expect(SPEC_FILTER_OPERATORS).toHaveLength(12);
    for (const op of OPERATOR_WORDS) expect(SPEC_FILTER_OPERATORS).toContain(INTERCOM_OPERATOR[op]);
  });

  it('contact date fields refuse the operators the spec says fail on dates; tag_id takes = and != only', () => {
    for (const f of CONTACT_FIELDS.filter((x) => x.type === 'date')) {
      expect(f.operators).not.toContain('neq');
      expect(f.operators).not.toContain('in');
      expect(f.operators).not.toContain('nin');
    }
    expect(CONTACT_FIELDS.find((f) => f.name === 'tag_id')!.operators).toEqual(['eq', 'neq']);
  });

  it('free-text fields are catalogued string fields', () => {
    for (const { objectType, fields } of TABLES) {
      for (const field of FREE_TEXT_FIELDS[objectType]) {
        expect(fields.find((f) => f.field === field)?.type).toBe('string');
      }
    }
  });

  it('DSL_CHEATSHEET is short, names every object type and its examples parse', () => {
    // 900 for two kinds; companies and articles add their lines and their object_type.
    expect(DSL_CHEATSHEET.length).toBeLessThanOrEqual(1_060);
    for (const objectType of ['conversations', 'contacts', 'companies', 'articles']) expect(DSL_CHEATSHEET).toContain(objectType);
    const examples = DSL_CHEATSHEET.split('\n').filter((l) => l.startsWith('object_type:'));
    expect(examples).toHaveLength(4);
    for (const e of examples) expect(() => parseSearchQuery(e, { now: NOW })).not.toThrow();
    // Every field the cheat sheet names is searchable.
    for (const line of DSL_CHEATSHEET.split('\n')) {
      const m = /^(Conversations|Contacts|Companies|Articles)(?: \([^)]*\))?: (.*)\.$/.exec(line);
      if (!m) continue;
      const objectType = m[1]!.toLowerCase() as 'conversations' | 'contacts' | 'companies' | 'articles';
      for (const name of m[2]!.split(' ')) expect(searchableFields(objectType)).toContain(name);
    }
  });
});
