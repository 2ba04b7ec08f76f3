#!/usr/bin/env node
// The kyoso-docs command: runs the compiled CLI — its bundle (dist/bundle/main.js, made by
// scripts/bundle.js after each compile; a cold process loads it ~0.1–0.4 s faster), or
// dist/cli/main.js when there is no bundle as new as the compile (or KYOSO_NO_BUNDLE=1). When
// the TypeScript sources are newer than the last compile (a fresh clone, an edit, a pull), it
// compiles them first with the project's own tsc, incrementally — so `npm run build` always
// runs the code that is in src/, without a separate compile step to forget.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'dist', 'cli', 'main.js');
const bundled = path.join(root, 'dist', 'bundle', 'main.js');
const stamp = path.join(root, 'dist', '.tsbuildinfo');

/** Newest modification time under a folder (the sources are ~100 files: a few ms). */
function newest(dir) {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

const sources = Math.max(newest(path.join(root, 'src')), mtime(path.join(root, 'tsconfig.json')), mtime(path.join(root, 'tsconfig.build.json')));
if (mtime(stamp) < sources || mtime(entry) === 0) {
  // typescript's `exports` hide bin/; its package.json is exported and bin/ sits beside it.
  const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write('kyoso-docs: TypeScript のコンパイルに失敗しました（上の出力を参照） / compiling the TypeScript sources failed (see above)\n');
    process.exitCode = 70;
  } else {
    // As `npm run compile` does: the templates compiled ahead (never fails; see the script).
    spawnSync(process.execPath, [path.join(root, 'scripts', 'precompile-templates.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
    spawnSync(process.execPath, [path.join(root, 'scripts', 'bundle.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
}
if (process.exitCode === undefined) {
  // A bundle older than the compile holds older code: run the compiled files instead.
  const useBundle = process.env.KYOSO_NO_BUNDLE !== '1' && mtime(bundled) >= mtime(stamp) && mtime(bundled) > 0;
  const { main } = await import(pathToFileURL(useBundle ? bundled : entry).href);
  await main(process.argv.slice(2));
}
