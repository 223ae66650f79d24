// Counts of what the reliability suite covers (fault scenarios, fuzz cases, abuse cases), collected across
// test workers in a temp folder and printed at the end of the run by ./figures-reporter.ts.
import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIGURES_DIR = join(tmpdir(), `intercom-mcp-figures-${Buffer.from(process.cwd()).toString('hex').slice(-24)}`);

export type FigureKind =
  | 'fuzz cases'
  | 'abuse cases'
  | 'protocol abuse cases'
  | 'fault scenarios'
  | 'client limits'
  | 'lifecycle cases'
  | 'secret scans';

/** Records that a test covered `count` cases of a kind. Never fails a test. */
export function figure(kind: FigureKind, count: number): void {
  try {
    mkdirSync(FIGURES_DIR, { recursive: true });
    appendFileSync(join(FIGURES_DIR, `${process.pid}.jsonl`), `${JSON.stringify({ kind, count })}\n`);
  } catch {
    // Figures are a report, not a test.
  }
}
