import { describe, expect, it } from 'vitest';
import { sourceFiles, sourceLinesMatching } from '../source-lines.js';

// In server mode stdout is the JSON-RPC channel: one stray write corrupts the protocol. Only the CLI's
// human-facing output module may touch it.
const ALLOWED = new Set(['cli/output.ts']);

describe('stdout discipline', () => {
  it('finds the sources', () => {
    expect(sourceFiles().length).toBeGreaterThan(10);
  });

  it('no source but cli/output.ts writes to stdout', () => {
    expect(sourceLinesMatching(/console\.(log|info|debug|table|dir)\s*\(|process\.stdout\b/, ALLOWED)).toEqual([]);
  });
});
