/** Data paths: where a value sits inside a data file (`types[1].budget.max`). */

export type PathSegment = string | number;

/** Display form of a data path: `types[1].budget.max`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}
