// Vitest reporter: at the end of the run, one line with the counts of test/reliability/figures.ts.
// Register it next to the default one: reporters: ['default', './test/reliability/figures-reporter.ts'].
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestModule } from 'vitest/node';
import { FIGURES_DIR } from './figures.js';

export default class FiguresReporter {
  onInit(): void {
    rmSync(FIGURES_DIR, { recursive: true, force: true });
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule> = []): void {
    this.printCounts(modules);
    this.printFigures();
  }

  /** The plain closing line CI reads: `N passed, N failed` (and skipped). */
  private printCounts(modules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }

  private printFigures(): void {
    const totals = new Map<string, number>();
    let files: string[] = [];
    try {
      files = readdirSync(FIGURES_DIR);
    } catch {
      return;
    }
    for (const file of files) {
      for (const line of readFileSync(join(FIGURES_DIR, file), 'utf8').split('\n')) {
        if (line === '') continue;
        const { kind, count } = JSON.parse(line) as { kind: string; count: number };
        totals.set(kind, (totals.get(kind) ?? 0) + count);
      }
    }
    if (totals.size === 0) return;
    const parts = [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([kind, count]) => `${count} ${kind}`);
    process.stderr.write(`\n Reliability coverage: ${parts.join(', ')}\n`);
  }
}
