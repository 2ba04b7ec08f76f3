/**
 * mapLimited: how a build makes several editions at once (build-run.ts). Pure: no browser.
 */
import { describe, expect, it } from 'vitest';
import { mapLimited } from '../src/app/build-run.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mapLimited', () => {
  it('keeps the order of the items whatever finishes first, and never runs more than the limit', async () => {
    let running = 0;
    let most = 0;
    const delays = [30, 5, 20, 1, 10];
    const out = await mapLimited(delays, 2, async (ms) => {
      running++;
      most = Math.max(most, running);
      await tick(ms);
      running--;
      return ms * 2;
    });
    expect(out).toEqual([60, 10, 40, 2, 20]);
    expect(most).toBe(2);
  });

  it('starts nothing after a failure, waits for those running, and throws the earliest item’s failure', async () => {
    const started: number[] = [];
    let settled = 0;
    const err = await mapLimited([0, 1, 2, 3], 2, async (i) => {
      started.push(i);
      try {
        // Item 1 fails first; item 0 is still running and fails later: its failure is the one thrown.
        await tick(i === 0 ? 30 : 1);
        if (i <= 1) throw new Error(`item ${i}`);
        return i;
      } finally {
        settled++;
      }
    }).catch((e: unknown) => e);
    expect(String(err)).toBe('Error: item 0');
    expect(started).toEqual([0, 1]);
    expect(settled).toBe(2);
  });
});
