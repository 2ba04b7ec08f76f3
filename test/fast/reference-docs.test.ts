/**
 * The generated reference pages (docs/reference/) must be what the schemas and the error
 * catalogue generate today. Other work changes both all the time; this is what keeps the
 * pages honest. Regenerate with `npm run schema`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_REFERENCE, ERROR_REFERENCE, referenceDocs } from '../../src/app/reference-docs.ts';
import { fileKinds } from '../../src/schema/index.ts';
import { jsonSchemas } from '../../src/schema/jsonschema.ts';
import { CATALOGUE, ERRORS } from '../../src/shared/errors.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';

const generated = referenceDocs();

describe('docs/reference', () => {
  it.each([...generated.keys()])('%s on disk is what `npm run schema` writes today', (rel) => {
    const file = path.join(TOOL_ROOT, rel);
    const onDisk = existsSync(file) ? readFileSync(file, 'utf8') : '(missing)';
    // One line, not a diff of a thousand: the fix is always the same command.
    expect(onDisk === generated.get(rel), `${rel} is stale: run \`npm run schema\` and commit the result`).toBe(true);
  });

  it('is the same text on a second run (no dates, no unordered output)', () => {
    expect(referenceDocs()).toEqual(generated);
  });

  it('documents every file kind and every field name of every schema', () => {
    const page = generated.get(DATA_REFERENCE) ?? '';
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const props = (node as { properties?: Record<string, unknown> }).properties;
        if (props && typeof props === 'object') for (const name of Object.keys(props)) names.add(name);
        Object.values(node).forEach(walk);
      }
    };
    for (const text of jsonSchemas().values()) walk(JSON.parse(text));
    expect(names.size).toBeGreaterThan(50);
    for (const kind of fileKinds) expect(page, kind.kind).toContain(`## \`${kind.glob}\``);
    expect([...names].filter((name) => !page.includes(`| \`${name}\` |`))).toEqual([]);
  });

  it('documents every catalogue entry under its code, with its exit code', () => {
    const page = generated.get(ERROR_REFERENCE) ?? '';
    const sections = new Map(page.split(/\n(?=## )/).map((s) => [/^## `([A-Z_]+)`/.exec(s)?.[1] ?? '', s] as const));
    for (const [code, { exit }] of Object.entries(CATALOGUE)) expect(sections.get(code), code).toContain(`（終了コード ${exit}）`);
    for (const [id, entry] of Object.entries(ERRORS)) expect(sections.get(entry.code), id).toContain(`### \`${id}\``);
  });

  it('shows the facts of a message as placeholders, not as "undefined" or "[object …]"', () => {
    const all = [...generated.values()].join('\n');
    expect(all).not.toMatch(/undefined|\[object |NaN/);
    expect(generated.get(ERROR_REFERENCE)).toContain('版「{id}」はありません（あるもの: {available}）');
  });
});
