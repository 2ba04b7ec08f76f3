/**
 * Field labels for the 新旧対照表, read from the zod schemas' `.describe()` texts —
 * the same Japanese descriptions the editor hover and the validation hints show,
 * so a label never has to be written twice.
 *
 * It uses the shared walker (src/schema/walk.ts) but keeps the *outer* schema of
 * each step, because `Text.optional().describe('…')` keeps its description on the
 * optional wrapper, not on the inner Text.
 */
import type { z } from 'zod';
import { Id, Text } from '../../schema/index.ts';
import { schemaDef as def, unwrap } from '../../schema/walk.ts';

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
 * A description as words for the 新旧対照表's 備考: its name, not its help (the example, a （…）, what
 * follows a colon or the first 。 go): `採択予定件数（公募しないタイプ、status: not-called なら省略可）` →
 * `採択予定件数`, `数字の幅: half=半角…` → `数字の幅`.
 */
function plainWords(desc: string): string {
  // Up to the first explanation: （…）, a colon, a sentence's end; a trailing ID is a data word.
  const name = desc
    .split(/。?例[:：]/u)[0]!
    .split(/[（(:：。]/u)[0]!
    .trim();
  return name.replace(/の?ID$/u, '').trim();
}

/**
 * `委託費（/年度）。例: {yen: …}` → `委託費`. Empty when the description
 * is only an example (`例: 本格型`) or a generic type description.
 */
export function fieldLabel(schema: z.ZodType | undefined): string {
  let s: z.ZodType | undefined = schema;
  // The outermost description wins: it is the one written for this field.
  while (s) {
    const desc = s.description;
    if (desc && !GENERIC.has(desc)) return plainWords(desc);
    const d = def(s);
    s = (d.innerType ?? d.in) as z.ZodType | undefined;
  }
  return '';
}
