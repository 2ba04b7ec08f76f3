/**
 * `validate` on data that passed as it is now ends without loading anything: like the no-op
 * build (plan-cache.ts), it prints again what the last passing run printed.
 *
 * output/.cache/validate.json keeps one entry: the key — the SHA-256 of everything the load →
 * validate → text-check steps read (each file under data/, path and bytes; the tool's version,
 * code, locked dependencies — textlint and its rules — and font package, whose coverage the
 * character check reads), the paths, the editions asked for and the message language — and the
 * lines that run printed. Only a passing run is kept: a failing one reports its problems anew
 * each time. A cache: missing, unreadable or of another version, validation runs in full and
 * writes it anew. Safe to delete. Node: modules only, so a hit imports no parser, schema or textlint.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { debug } from '../shared/debug.ts';
import { getLang } from '../shared/i18n.ts';
import { CACHE_DIR, type ProjectPaths } from '../shared/paths.ts';
import { sha256, toolDigests, treeDigest } from './tool-inputs.ts';

const log = debug('plan');

export const VALIDATE_CACHE_FILE = path.join(CACHE_DIR, 'validate.json');
const VERSION = 1;

/** What a passing run printed, in order: `out` lines (the summaries) and `err` lines (the warnings). */
export interface ValidateReport {
  lines: Array<{ to: 'out' | 'err'; line: string }>;
}

interface Entry extends ValidateReport {
  version: number;
  key: string;
}

export async function validateKey(paths: ProjectPaths, editions: readonly string[]): Promise<string> {
  const [tool, data] = await Promise.all([toolDigests(), treeDigest(paths.dataDir)]);
  return sha256(JSON.stringify({ version: VERSION, tool, paths: { root: paths.root, dataDir: paths.dataDir }, data, editions, lang: getLang() }));
}

/** The kept report when it was made under this key, else undefined. */
export async function readValidateCache(outDir: string, key: string): Promise<ValidateReport | undefined> {
  try {
    const entry = JSON.parse(await readFile(path.join(outDir, VALIDATE_CACHE_FILE), 'utf8')) as Entry;
    const ok = entry.version === VERSION && entry.key === key && Array.isArray(entry.lines);
    log(ok ? 'validate cache: hit' : 'validate cache: inputs changed');
    return ok ? { lines: entry.lines } : undefined;
  } catch {
    log('validate cache: none');
    return undefined;
  }
}

/** Written whole or not at all (a build may be reading output/ meanwhile); a failed write only makes the next run slower. */
export async function writeValidateCache(outDir: string, key: string, report: ValidateReport): Promise<void> {
  const file = path.join(outDir, VALIDATE_CACHE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, `${JSON.stringify({ version: VERSION, key, ...report })}\n`);
    await rename(tmp, file);
  } catch (err) {
    log(`validate cache not written: ${String(err)}`);
    await rm(tmp, { force: true }).catch(() => {});
  }
}
