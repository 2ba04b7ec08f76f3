/** Pure formatting helpers: dates/和暦, money, counts, periods, digit width and file sizes. */
export * from './era.ts';
export * from './marks.ts';
export * from './money.ts';
export * from './text.ts';
export * from './size.ts';
