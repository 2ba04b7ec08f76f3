import { mkdtempSync, rmSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { isKyosoError } from '../../src/shared/errors.ts';

describe('a browser that does not start', () => {
  it('an executable that exits at once: BROWSER_FAILED naming what it printed, no profile left, no hang', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-test-fake-chrome-'));
    const fake = join(dir, 'chromium');
    writeFileSync(fake, '#!/bin/sh\necho "fake chromium: cannot open display" >&2\nexit 3\n');
    chmodSync(fake, 0o755);
    const s = new BrowserSession({ resolved: { executablePath: fake, source: 'env', args: [] } });
    try {
      const started = performance.now();
      const err = await s.withPage(async () => 1).catch((e: unknown) => e);
      expect(isKyosoError(err) && err.code).toBe('BROWSER_FAILED');
      expect(String((err as Error & { cause?: Error }).cause?.message)).toContain('fake chromium: cannot open display');
      expect(performance.now() - started, 'fails on exit, not on the launch timeout').toBeLessThan(20_000);
      expect(s.tempDirs).toEqual([]);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(existsSync(fake)).toBe(false);
  });
});
