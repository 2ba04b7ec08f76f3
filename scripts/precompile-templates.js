#!/usr/bin/env node
// After the TypeScript compile (npm run compile, npm ci's prepare): the repository's Handlebars
// templates compiled ahead into dist/ (src/stages/render/precompiled.ts). Never fails the
// install: without the file every template is compiled at run time, as before.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  const { writePrecompiled } = await import(pathToFileURL(path.join(root, 'dist', 'stages', 'render', 'precompiled.js')).href);
  await writePrecompiled(path.join(root, 'templates'));
} catch (err) {
  process.stderr.write(`kyoso-docs: templates not compiled ahead (${err instanceof Error ? err.message : String(err)}); they compile at run time\n`);
}
