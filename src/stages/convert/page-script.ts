/**
 * Functions that run inside the page (layout measurement) are sent as source text.
 */

/**
 * A page function with its arguments as an expression for `page.evaluate`. Through the source
 * text with a no-op `__name`: tsx and vitest (esbuild, keepNames) wrap named inner functions in
 * `__name(…)`, which exists in Node, not in the page.
 */
export function inPage<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): string {
  return `(() => { const __name = (f) => f; return (${fn.toString()})(...${JSON.stringify(args)}); })()`;
}
