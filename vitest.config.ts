import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI's YAML side, provided as an in-process host provides it (src/cli/lazy.ts).
    setupFiles: ['test/support/setup.ts'],
    // Property tests run thousands of cases; give them room on a 2-core machine. Timing is never asserted.
    testTimeout: 60_000,
    pool: 'threads',
  },
});
