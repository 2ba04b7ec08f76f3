/**
 * The text values of an edition: every YAML string whose schema is a `Text` (prose,
 * labels, names — not ids, enums, dates or URLs), with its data path, whether it is
 * Markdown (guideline chapters), and the map from value index to `line:col` of the file.
 * Taken from the schemas themselves, so a new text field is linted without a list to keep.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { z } from 'zod';
import { MarkdownSchema, Text } from '../../../schema/index.ts';
import { schemaDef, unwrap } from '../../../schema/walk.ts';
import type { PathSegment } from '../../../shared/datapath.ts';
import type { LoadedFile } from '../../load/index.ts';
import { offsetMap } from '../../load/offsets.ts';
import type { SourceFile } from '../../load/source.ts';

export interface TextValue {
  source: SourceFile;
  /** Relative to the edition folder: `calls/kyoso.yaml`. */
  rel: string;
  path: PathSegment[];
  value: string;
  /** Guideline prose (Markdown), linted as `.md`; everything else as plain text. */
  markdown: boolean;
  node: Scalar;
  /** Source offset of value[index]. */
  offsetOf(index: number): number;
  /** Where the entry starts (its key, or the list item): comments right above it apply to it. */
  entryOffset: number;
}

const checksOf = (s: z.ZodType): unknown[] => (schemaDef(s).checks as unknown[] | undefined) ?? [];
/** Text's check objects: `text(ja)` = Text.describe(ja) clones the schema but shares them. */
const TEXT_CHECKS = new Set(checksOf(Text));
const MARKDOWN_CHECKS = new Set(checksOf(MarkdownSchema).filter((c) => !TEXT_CHECKS.has(c)));

const isText = (s: z.ZodType): boolean => schemaDef(s).type === 'string' && checksOf(s).some((c) => TEXT_CHECKS.has(c));
const isMarkdown = (s: z.ZodType): boolean => schemaDef(s).type === 'string' && checksOf(s).some((c) => MARKDOWN_CHECKS.has(c));

/** The schemas of the members of an object / items of an array, for a key or index. */
function childSchemas(schemas: readonly z.ZodType[], seg: PathSegment): z.ZodType[] {
  const out: z.ZodType[] = [];
  for (const s of schemas) {
    const d = schemaDef(s);
    if (d.type === 'object' && typeof seg === 'string') {
      const child = (d.shape as Record<string, z.ZodType>)[seg];
      if (child) out.push(...unwrap(child));
    } else if (d.type === 'array' && typeof seg === 'number') out.push(...unwrap(d.element as z.ZodType));
    else if (d.type === 'record' && typeof seg === 'string') out.push(...unwrap(d.valueType as z.ZodType));
    else if (d.type === 'tuple' && typeof seg === 'number') {
      const item = (d.items as z.ZodType[])[seg];
      if (item) out.push(...unwrap(item));
    }
  }
  return out;
}

/** Every text value of one file, in document order. */
export function textValues(file: Pick<LoadedFile, 'rel' | 'source' | 'kind'>): TextValue[] {
  const out: TextValue[] = [];
  const { source } = file;
  const walk = (node: unknown, schemas: z.ZodType[], path: PathSegment[], entryOffset: number): void => {
    if (schemas.length === 0) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        walk(pair.value, childSchemas(schemas, key), [...path, key], pair.key.range?.[0] ?? entryOffset);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        walk(item, childSchemas(schemas, i), [...path, i], (item as Node | null)?.range?.[0] ?? entryOffset);
      });
    } else if (isScalar(node) && typeof node.value === 'string' && node.range && schemas.some(isText)) {
      const map = offsetMap(source.text, node);
      out.push({
        source,
        rel: file.rel,
        path,
        value: node.value,
        markdown: schemas.some(isMarkdown),
        node,
        offsetOf: map.at,
        entryOffset,
      });
    }
    // Aliases: the anchored original is linted once, where it is written.
  };
  walk(source.doc.contents, unwrap(file.kind.schema), [], 0);
  return out;
}
