/** Identifier rules that more than one stage checks. */

/** Edition folder names: `r3`, `r4`, `r3-revised` (a leading `_` or `.` hides a folder: drafts, fixtures). */
export const EDITION_ID_RE = /^[a-z0-9][a-z0-9-]*$/;

/** Is `name` a folder under data/ that holds an edition (not a hidden draft)? */
export function isEditionFolderName(name: string): boolean {
  return !name.startsWith('_') && !name.startsWith('.');
}
