/**
 * Debug logging by area (marp-cli's habit): `debug('browser')('launched in 412 ms')` writes
 * `kyoso:browser +3ms launched in 412 ms` to stderr when the area is on, and costs a
 * comparison when it is off. `--debug` turns every area on; `KYOSO_DEBUG=browser,plan`
 * turns on some. What the user sees (info, warnings, errors) never goes through here.
 */

let areas: Set<string> | 'all' | undefined = parse(process.env.KYOSO_DEBUG);
let last = performance.now();

function parse(value: string | undefined): Set<string> | 'all' | undefined {
  if (!value) return undefined;
  const list = value
    .split(',')
    .map((s) => s.trim().replace(/^kyoso:/, ''))
    .filter(Boolean);
  return list.includes('*') || list.includes('all') ? 'all' : new Set(list);
}

/** Turn areas on (`*` for all), as `--debug` does. */
export function enableDebug(value = '*'): void {
  areas = parse(value);
}

export function debugEnabled(area: string): boolean {
  return areas === 'all' || areas?.has(area) === true;
}

export type DebugLog = (line: string) => void;

/** The logger of one area. */
export function debug(area: string): DebugLog {
  return (line) => {
    if (!debugEnabled(area)) return;
    const now = performance.now();
    process.stderr.write(`kyoso:${area} +${Math.round(now - last)}ms ${line}\n`);
    last = now;
  };
}
