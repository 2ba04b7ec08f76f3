/**
 * Field labels for the 新旧対照表, read from the zod schemas' `.describe()` texts —
 * the same Japanese descriptions the editor hover and the validation hints show,
 * so a label never has to be written twice.
 *
 * src/validate/index.ts walks zod 4 schemas the same way (through the documented
 * `_zod.def` bag); that walker is private to validation, and this one needs the
 * *outer* schema of each step too, because `Text.optional().describe('…')` keeps
 * its description on the optional wrapper, not on the inner Text.
 */
import type { z } from 'zod';
import { Id, Text } from '../schema/index.ts';

type Def = { type: string; [k: string]: unknown };

function def(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The schemas a value may match, wrappers (optional, pipe, union…) removed. */
function unwrap(schema: z.ZodType): z.ZodType[] {
  const d = def(schema);
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
    default:
      return [schema];
  }
}

/** The schema of a child (object key or array element), still wrapped so its own description is kept. */
export function childSchema(schema: z.ZodType | undefined, seg: string | number): z.ZodType | undefined {
  if (!schema) return undefined;
  for (const s of unwrap(schema)) {
    const d = def(s);
    if (d.type === 'object' && typeof seg === 'string') {
      const c = (d.shape as Record<string, z.ZodType>)[seg];
      if (c) return c;
    } else if (d.type === 'array' && typeof seg === 'number') {
      return d.element as z.ZodType;
    } else if (d.type === 'record') {
      return d.valueType as z.ZodType;
    }
  }
  return undefined;
}

/** Descriptions that say what kind of value a field holds, not what the field is. */
const GENERIC = new Set([Text.description, Id.description].filter((x): x is string => !!x));

/**
 * `委託費（/年度）。例: {yen: …}` → `委託費（/年度）`. Empty when the description
 * is only an example (`例: 本格型`) or a generic type description.
 */
export function fieldLabel(schema: z.ZodType | undefined): string {
  let s: z.ZodType | undefined = schema;
  // The outermost description wins: it is the one written for this field.
  while (s) {
    const desc = s.description;
    if (desc && !GENERIC.has(desc)) return desc.split(/。?例[:：]/u)[0]!.trim();
    const d = def(s);
    s = (d.innerType ?? d.in) as z.ZodType | undefined;
  }
  return '';
}
