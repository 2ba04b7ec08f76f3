/** Identifier rules that more than one stage checks. */

/** Edition folder names: `r3`, `r4`, `r3-revised` (a leading `_` or `.` hides a folder: drafts, fixtures). */
export const EDITION_ID_RE = /^[a-z0-9][a-z0-9-]*$/;

/** Is `name` a folder under data/ that holds an edition (not a hidden draft)? */
export function isEditionFolderName(name: string): boolean {
  return !name.startsWith('_') && !name.startsWith('.');
}

/** Edition ids the tool's own folders of output/ use (output/release/, output/diff/): an edition there would share them. */
export const RESERVED_EDITION_IDS: readonly string[] = ['release', 'diff'];

/** Longest edition id: its outputs are named `<id>-guidelines-<call>.pdf`, and a file name has at most 255 bytes. */
export const MAX_EDITION_ID = 64;
