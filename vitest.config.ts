import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `unit`: pure functions, schemas, the CLI on data — no browser, seconds
 * (`npm run test:unit`). `browser`: prints real PDFs/PNGs/PPTX and reads them back
 * (`npm run test:browser`). `npm test` runs both.
 */
const UNIT = [
  'test/fast/**/*.test.ts',
  'test/architecture.test.ts',
  'test/bad-inputs.test.ts',
  'test/bundle.test.ts',
  'test/dates.test.ts',
  'test/editions.test.ts',
  'test/font-subset.test.ts',
  'test/format.test.ts',
  'test/hostile.test.ts',
  'test/jsonschema.test.ts',
  'test/messages.test.ts',
  'test/precompiled.test.ts',
  'test/pptx-parts.test.ts',
  'test/offsets.test.ts',
  'test/plan-cache.test.ts',
  'test/schema.test.ts',
  'test/seed-facts.test.ts',
  'test/text-lint.test.ts',
  'test/validate.test.ts',
  'test/workflows.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      // The bound only stops a hung test; a loaded 2-core machine makes loading an edition take seconds.
      { test: { name: 'unit', include: UNIT, pool: 'forks', testTimeout: 30_000 } },
      {
        test: {
          name: 'browser',
          include: ['test/**/*.test.ts'],
          exclude: UNIT,
          pool: 'forks',
          // Browser-backed integration tests print real PDFs; give them room on a 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
