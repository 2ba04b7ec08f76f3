/**
 * Geometry that the slide templates write inline (`style="…"` attributes and the programme
 * table's `<colgroup>`), not in the theme. Mirrored here for the PPTX; test/pptx.test.ts reads
 * the templates and fails when one of these no longer matches, so the two cannot drift apart.
 */
export const TEMPLATE_GEOMETRY = {
  /** programmes.hbs `<col style="width:N%">`, in order. */
  programmeColumns: [11, 8, 9, 19, 22, 13, 18],
  /** field-overview.hbs `.two-col` inline `grid-template-columns: 1.05fr 1fr; gap: 14px`. */
  fieldOverviewColumns: [1.05, 1],
  fieldOverviewGap: 14,
  /** field-overview.hbs: `margin-top:6px` of the second box and of the budget, `margin-top:4px` of the points. */
  fieldOverviewBoxGap: 6,
  fieldOverviewPointsGap: 4,
  /** overview-first.hbs: `margin-top:8px` of the summary box and of the concept line. */
  overviewBoxGap: 8,
  /** roster.hbs: `margin-top:8px` of the notes. */
  rosterNotesGap: 8,
} as const;
