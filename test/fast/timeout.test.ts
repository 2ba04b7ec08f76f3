/**
 * A browser call with a deadline of ours (a screenshot) fails as puppeteer's own timeouts do, so
 * the session retries it and reports BROWSER_FAILED instead of an internal error with a stack
 * (seen on a loaded machine: "screenshot of slide 4 timed out", exit 70).
 */
import { describe, expect, it } from 'vitest';
import { withTimeout } from '../../src/stages/convert/timeout.ts';

describe('withTimeout', () => {
  it('rejects a call that outlives its deadline with a TimeoutError naming it', async () => {
    const never = new Promise<never>(() => {});
    await expect(withTimeout(never, 20, 'screenshot of slide 4')).rejects.toMatchObject({ name: 'TimeoutError', message: 'screenshot of slide 4 timed out after 20 ms' });
  });

  it('passes a result or a failure of the call through as it is', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000, 'x')).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new RangeError('no')), 1000, 'x')).rejects.toBeInstanceOf(RangeError);
  });
});
