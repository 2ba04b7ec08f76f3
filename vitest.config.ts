import { defineConfig } from 'vitest/config';

/**
 * Three tiers, one folder each (a new test file is picked up by where it lies):
 * - `fast` (test/fast/): no browser, no kuromoji, no child process — the inner loop, seconds
 *   (`npm run test:fast`). test/helpers/fast-tier.ts makes a test that starts a process or loads
 *   kuromoji fail, so the tier cannot slow down unnoticed.
 * - `browser` (test/browser/): prints with the real Chromium in-process and reads the files back
 *   (`npm run test:browser`).
 * - `e2e` (test/e2e/): the CLI as a process, the dev server, LibreOffice, git, the esbuild bundle
 *   (`npm run test:e2e`).
 * `npm test` runs all three.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'fast',
          include: ['test/fast/**/*.test.ts'],
          setupFiles: ['test/helpers/fast-tier.ts'],
          pool: 'forks',
          // One module graph per worker: zod, yaml and the textlint kernel are imported once, not once per
          // file (user+sys CPU of the tier 63 s → 34 s, measured with /usr/bin/time). A test file must
          // therefore put back any global it changes (precompiled specs, mocks, process.env).
          isolate: false,
          // vitest's default is one worker on a 2-core machine; two halve the wall time when it is idle.
          maxWorkers: 2,
          // A project with its own maxWorkers runs as its own group: first, so `npm test` fails fast.
          sequence: { groupOrder: 0 },
          // The bound only stops a hung test; a loaded 2-core machine makes loading an edition take seconds.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          sequence: { groupOrder: 1 },
          include: ['test/browser/**/*.test.ts'],
          pool: 'forks',
          // Browser-backed integration tests print real PDFs; give them room on a 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 1 },
          include: ['test/e2e/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
    // `npm run test:coverage` (the fast tier) and `npm run test:coverage:all`; the figures: docs/coverage.md.
    // Code run in a child process (the CLI of the e2e tier) or in the page (page scripts) is not counted.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text', 'text-summary', 'json-summary'],
      // The figure is wanted from a run where a test failed too (it says which run it is).
      reportOnFailure: true,
      reportsDirectory: 'coverage',
    },
  },
});
