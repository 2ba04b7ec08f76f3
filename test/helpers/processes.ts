/** Live processes seen through /proc, for tests that check a run left no browser behind. */
import { readdirSync, readFileSync } from 'node:fs';

/** Live (non-zombie) processes whose environment mentions `needle` (a test's own TMPDIR). */
export function processesWithEnv(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z') continue;
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(needle)) found.push(Number(entry));
    } catch {
      /* exited meanwhile, or not ours to read */
    }
  }
  return found;
}
