/**
 * The browser for browser-tier tests. On a developer's machine without one, those tests are
 * skipped with a warning; in CI (CI or KYOSO_REQUIRE_BROWSER set) a missing browser fails
 * the run instead: a suite that silently skipped its PDFs would pass without testing them.
 */
import { resolveBrowser, type ResolvedBrowser } from '../../src/stages/convert/browser.ts';

export const browserRequired = Boolean(process.env.CI || process.env.KYOSO_REQUIRE_BROWSER);

export async function testBrowser(file: string): Promise<ResolvedBrowser | undefined> {
  try {
    return await resolveBrowser();
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0];
    if (browserRequired) throw new Error(`[${file}] no browser could be resolved, and this run requires one (CI / KYOSO_REQUIRE_BROWSER): ${reason}`);
    console.warn(`[${file}] skipping browser tests — no browser could be resolved: ${reason}`);
    return undefined;
  }
}
