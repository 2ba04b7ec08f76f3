/**
 * File sizes as Japanese public sites write them beside a download (「公募要領（PDF：1.2MB）」):
 * KB below a megabyte, MB with one decimal above, in units of 1024 as a desktop's file list
 * shows them, so the size on the page is the size the applicant sees once it is saved.
 */

const KIB = 1024;
const MIB = KIB * KIB;

/** 1.2MB, 350KB, 1KB (a file of a few bytes is not 0KB). */
export function fileSize(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 0) throw new Error(`a file size is a whole number of bytes (got ${bytes})`);
  const kb = Math.max(1, Math.round(bytes / KIB));
  // 999.6 KB would round to 1000KB: from there on it is 1.0MB.
  if (kb < 1000) return `${kb}KB`;
  return `${(bytes / MIB).toFixed(1)}MB`;
}
