/**
 * The marks the formatters write between the parts of a value: ONE rule for every document.
 *
 * Japanese documents write full-width marks between Japanese words. The seed deck mixes
 * `1~10億円/年度` and `2.5千万円程度／年度・拠点`; the ASCII tilde in particular is drawn
 * small and raised by BIZ UDPGothic. So a range is always `1～10億円` (U+FF5E FULLWIDTH TILDE)
 * and a per-unit always `／年度` (U+FF0F). The colon after a type's name (`育成型:12`) stays
 * ASCII, as the seed writes it throughout.
 */
export const MARKS = {
  /** Between the two ends of a range: 1～10億円. */
  range: '\uFF5E',
  /** Between an amount and what it is per: 2.5千万円／年度. */
  per: '\uFF0F',
  /** After a label inside a cell: 育成型:12. */
  label: ':',
} as const;
