/**
 * A fact not known yet (（要確認）, （詳細は確定後に記載）) is marked wherever a value or a text
 * prints it: the escaper (phrases.ts) puts it between two private-use markers, which the
 * template's output turns into `<span class="tbd">` (shaded in every theme), so no draft hides one.
 */
import { PLACEHOLDERS } from '../../shared/values.ts';

/** Start and end of a placeholder (→ `<span class="tbd">` … `</span>`); never in data (the character rule). */
export const TBD_OPEN = '\uE005';
export const TBD_CLOSE = '\uE006';

/** Words never split inside, so a placeholder is one word to mark. */
export const TBD_ATOMS: readonly string[] = PLACEHOLDERS;

/**
 * The words of a phrase escaped and joined by `sep`, each placeholder between the markers, when
 * one holds a placeholder (kinsoku may have joined a bracket to it); else undefined. A phrase
 * that holds one is not held together.
 */
export function tbdWords(words: readonly string[], sep: string, esc: (s: string) => string): string | undefined {
  if (!words.some((w) => PLACEHOLDERS.some((p) => w.includes(p)))) return undefined;
  return words
    .map((w) => {
      let out = esc(w);
      for (const p of PLACEHOLDERS) out = out.split(esc(p)).join(`${TBD_OPEN}${esc(p)}${TBD_CLOSE}`);
      return out;
    })
    .join(sep);
}
