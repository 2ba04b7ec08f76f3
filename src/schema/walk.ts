/**
 * Walking zod 4 schemas through the documented `_zod.def` bag — one walker for
 * every place that needs it: validation hints (known keys, field descriptions),
 * the 新旧対照表's field labels and the property tests' list of text fields.
 */
import type { z } from 'zod';

export type SchemaDef = { type: string; [k: string]: unknown };

export function schemaDef(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** The schemas a value may match, wrappers (optional, default, pipe, lazy, union, intersection) removed. */
export function unwrap(schema: z.ZodType): z.ZodType[] {
  const d = schemaDef(schema);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return unwrap(d.innerType as z.ZodType);
    case 'pipe':
      return unwrap(d.in as z.ZodType);
    case 'lazy':
      return unwrap((d.getter as () => z.ZodType)());
    case 'union':
      return (d.options as z.ZodType[]).flatMap(unwrap);
    case 'intersection':
      return [...unwrap(d.left as z.ZodType), ...unwrap(d.right as z.ZodType)];
    default:
      return [schema];
  }
}
