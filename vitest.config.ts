import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The default output, then the plain pass/fail line and the reliability suite's coverage counts.
    reporters: ['default', './test/reliability/figures-reporter.ts'],
  },
});
