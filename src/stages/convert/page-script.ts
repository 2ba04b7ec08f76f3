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

/**
 * `inPage` for a function that calls others of its module: each helper's source is declared
 * first, by its own name, in the same scope (they may call each other and nothing else).
 */
// biome-ignore lint/complexity/noBannedTypes: any function's source text is what is sent
export function inPageWith<A extends unknown[]>(helpers: readonly Function[], fn: (...args: A) => unknown, ...args: A): string {
  return `(() => { const __name = (f) => f; ${helpers.map((h) => h.toString()).join('\n')}\nreturn (${fn.toString()})(...${JSON.stringify(args)}); })()`;
}
