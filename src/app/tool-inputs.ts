/**
 * What every output depends on regardless of data — the tool's version, its own code, the
 * locked dependencies, the font package — as named digests. Light on purpose (node: modules
 * only): a build with nothing to do computes these before deciding to load anything else.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../shared/digest.ts';
import { FONT_PACKAGE, fontPackageDir } from '../shared/font-package.ts';
import { CODE_DIR, TOOL_ROOT, TOOL_VERSION } from '../shared/paths.ts';

export { sha256 };

/** Files under `dir` (POSIX paths relative to it, sorted), skipping names that start with a dot. */
export async function filesUnder(dir: string, keep: (rel: string) => boolean = () => true): Promise<string[]> {
  const out: string[] = [];
  const walk = async (abs: string, rel: string): Promise<void> => {
    const entries = await readdir(abs, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path.join(abs, e.name), r);
      else if (keep(r)) out.push(r);
    }
  };
  await walk(dir, '');
  return out.sort();
}

let toolInputs: Promise<Record<string, string>> | undefined;

/**
 * The tool's inputs: its version, its own code (a fix to a formatter must rebuild even
 * without a version bump), the locked dependency versions (Marp, pdf-lib, harfbuzz) and the
 * font package. Read once per process: a long-running process runs the code it started with.
 */
export function toolDigests(): Promise<Record<string, string>> {
  toolInputs ??= (async () => {
    // The code that runs: dist/**/*.js for the compiled CLI, src/**/*.ts under tsx or vitest.
    // Not dist/bundle/: it is made from dist/ and the locked packages (scripts/bundle.js), both
    // digested here, and reading its 9 MB would cost a no-op build ~30 ms.
    const code = await filesUnder(CODE_DIR, (rel) => /\.(js|ts)$/.test(rel) && !rel.startsWith('bundle/'));
    const codeLines = await Promise.all(code.map(async (f) => `${f}\0${sha256(await readFile(path.join(CODE_DIR, f)))}\n`));
    const lock = await readFile(path.join(TOOL_ROOT, 'package-lock.json')).catch(() => '');
    const font = JSON.parse(await readFile(path.join(fontPackageDir(), 'package.json'), 'utf8')) as { version: string };
    return {
      'tool:version': sha256(TOOL_VERSION),
      'tool:code': sha256(codeLines.join('')),
      'tool:dependencies': sha256(lock),
      [`font:${FONT_PACKAGE}`]: sha256(font.version),
    };
  })();
  toolInputs.catch(() => (toolInputs = undefined));
  return toolInputs;
}

/**
 * Everything under a folder the loader or the renderer could see: every entry, dot-named ones
 * too, empty folders (an empty edition folder is an error) and links (by target, and the bytes
 * behind them). Not followed into linked folders: the loader refuses links by name anyway.
 */
export async function treeDigest(dir: string): Promise<string> {
  const lines: string[] = [];
  const bytes = (p: string): Promise<string> => readFile(p).then(sha256, (e: NodeJS.ErrnoException) => `unreadable:${e.code ?? 'error'}`);
  const walk = async (abs: string, rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch (e) {
      lines.push(`${rel}/\0unreadable:${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const p = path.join(abs, e.name);
      if (e.isDirectory()) {
        lines.push(`${r}/\0dir`);
        await walk(p, r);
      } else if (e.isSymbolicLink()) {
        lines.push(`${r}\0link:${await readlink(p).catch(() => '?')}\0${await bytes(p)}`);
      } else lines.push(`${r}\0${await bytes(p)}`);
    }
  };
  await walk(dir, '');
  return sha256(lines.join('\n'));
}
