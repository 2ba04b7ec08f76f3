/** Pure formatting helpers: dates/和暦, money, counts, periods and digit width. */
export * from './era.ts';
export * from './marks.ts';
export * from './money.ts';
export * from './text.ts';
