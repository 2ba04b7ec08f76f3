/**
 * The committed JSON Schema files (schema/*.json, for editors) must be what the
 * zod schemas generate today, and every data file's modeline must name the
 * schema of its own kind. Regenerate with `npm run schema`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';
import { describe, expect, it } from 'vitest';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { fileKinds } from '../../src/schema/index.ts';
import { SCHEMA_DIR, jsonSchemas } from '../../src/schema/jsonschema.ts';

const schemaDir = path.join(TOOL_ROOT, SCHEMA_DIR);
const dataDir = path.join(TOOL_ROOT, 'data');
const MODELINE = /^# yaml-language-server: \$schema=(\S+)\s*$/;

describe('JSON Schema files', () => {
  const generated = jsonSchemas();

  it('on disk equal jsonSchemas() (run `npm run schema` after changing a zod schema)', () => {
    const onDisk = readdirSync(schemaDir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(onDisk).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated) expect(readFileSync(path.join(schemaDir, name), 'utf8'), name).toBe(text);
  });

  it('are valid JSON with a title for every file kind', () => {
    for (const kind of fileKinds) {
      const doc = JSON.parse(generated.get(`${kind.kind}.schema.json`) ?? 'null') as { title?: string; type?: string } | null;
      expect(doc?.type, kind.kind).toBe('object');
      expect(doc?.title).toContain(kind.glob);
    }
  });
});

describe('data file modelines', () => {
  // The editions under data/ and the fixture editions the tests build. The live files too: a data file
  // without its modeline loses the editor's checking while staff type, which validate cannot see.
  const roots = [dataDir, path.join(TOOL_ROOT, 'test', 'fixtures', 'editions')];
  const editions = roots.flatMap((root) =>
    readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !/^[_.]/.test(e.name))
      .map((e) => path.relative(dataDir, path.join(root, e.name))),
  );
  const rows: [string, string][] = [];
  for (const ed of editions) {
    const cwd = path.join(dataDir, ed);
    for (const kind of fileKinds) for (const rel of globbySync(kind.glob, { cwd })) rows.push([`${ed}/${rel}`, `${kind.kind}.schema.json`]);
  }

  it('covers every YAML file under data/ and of the fixture editions', () => {
    const all = editions.flatMap((ed) => globbySync('**/*.{yaml,yml}', { cwd: path.join(dataDir, ed) }).map((rel) => `${ed}/${rel}`));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some(([f]) => f.includes('fixtures/editions/r4/deck.yaml'))).toBe(true);
    expect(rows.map(([f]) => f).sort()).toEqual(all.sort());
  });

  it.each(rows)('%s points at an existing %s', (rel, expected) => {
    const abs = path.join(dataDir, rel);
    const first =
      readFileSync(abs, 'utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)[0] ?? '';
    const m = MODELINE.exec(first);
    expect(m, `first line of ${rel}: ${first}`).not.toBeNull();
    const target = path.resolve(path.dirname(abs), m![1]!);
    expect(path.relative(TOOL_ROOT, target).split(path.sep).join('/')).toBe(`${SCHEMA_DIR}/${expected}`);
    expect(existsSync(target)).toBe(true);
  });
});
