/**
 * The PPTX's own line breaks (issue 31). PowerPoint and LibreOffice break Japanese between any
 * two characters (東京工|業大学) and neither honours a zero-width space or word joiner there;
 * both honour a line break. So every paragraph taller than one line gets explicit breaks,
 * chosen here with the bundled font's metrics, and every height the slide is laid out with is
 * measured with them (canvas.ts heightOf): a box, a row or the slide's type makes room for the
 * breaks, the renderer's own wrapping is only the fallback for what cannot fit.
 *
 * Where a line may break, best first (phrases.ts gives the phrases and words):
 * - between two phrases (BudouX, kinsoku, the keep-together list);
 * - between two words of one phrase (a keep-together word's edge, kanji|katakana);
 * - at a space, or where the script changes (kanji|kana, kana|kanji, Japanese|Latin);
 * - between two kanji with at least two on each side (地域共創|拠点);
 * never inside a keep-together word, a run of kana or katakana, a Latin word or number, next
 * to a lone kanji, or where kinsoku forbids it (a line starting with 、 or ending with （).
 *
 * The breaks are chosen for a whole paragraph at once (a shortest path over the break
 * positions, Knuth–Plass-like): in the `phrase` mode the fewest breaks that are not between
 * phrases, then the fewest lines; in the `lines` mode the fewest lines, then the best breaks;
 * both then prefer even lines. A line is measured as LibreOffice sets it (Asian/non-Asian
 * spacing, its coarser grid), the worse of the two renderers, less a pixel of safety.
 * A stretch that has no allowed break and is wider than the line (a long name in a narrow
 * cell) is left to the renderer and counted as `overfull`, so the slide's fit can shrink its
 * type instead.
 */
import { isAsian, LIBREOFFICE_AUTOSPACE, LIBREOFFICE_SLACK, lineCount, NO_END, NO_START, type FontMetrics, type MeasureRun } from '../../stages/convert/textfit.ts';
import { keptSpans, phraseWordsOf } from '../../stages/render/phrases.ts';

/** What the line breaker reads of a paragraph (canvas.ts Para). */
export interface BreakPara {
  runs: ReadonlyArray<{ text: string; size?: number; bold?: boolean }>;
  style: { size: number; bold: boolean };
  indent?: number;
  level?: number;
}

/**
 * How a slide breaks its paragraphs: `phrase` (between phrases, even if that takes more lines),
 * `lines` (as few lines as possible, at the best places that are not inside a word), `wrap`
 * (as `lines`, but a paragraph that would take more lines than the renderer's own wrapping is
 * left to the renderer: the last resort of a slide that fits no other way).
 */
export type BreakMode = 'phrase' | 'lines' | 'wrap';

/** Where a text may break (penaltiesOf), by text: found once per deck. */
export type BreakCache = Map<string, Array<number | undefined>>;

/** One slide's breaking: its mode, what did not fit, and where its texts may break. */
export interface Breaking {
  readonly mode: BreakMode;
  /** Paragraphs with a stretch wider than its line (the renderer breaks it anywhere). */
  overfull: number;
  readonly cache: BreakCache;
  /** `wrap`: only these paragraphs (by text) may be left to the renderer (all when undefined). */
  readonly wrapOnly?: ReadonlySet<string>;
  /** `wrap`: the paragraphs (by text) left to the renderer. */
  readonly left: Set<string>;
}

export function breaking(mode: BreakMode = 'phrase', cache: BreakCache = new Map(), wrapOnly?: ReadonlySet<string>): Breaking {
  return { mode, overfull: 0, cache, left: new Set(), ...(wrapOnly ? { wrapOnly } : {}) };
}

/** Space kept free on each line chosen here, px (on top of LibreOffice's own slack). */
const BREAK_SLACK_PX = 1;

/** Penalties of a break by its place (0: between phrases). */
const BETWEEN_WORDS = 10;
const AT_SPACE = 10;
const SCRIPT_CHANGE = 30;
const INSIDE_KANJI = 60;

const HAN = /\p{Script=Han}/u;
const KATAKANA = /[\p{Script=Katakana}ー]/u;
const HIRAGANA = /\p{Script=Hiragana}/u;
const SPACE = /\s/u;

/** A paragraph's runs as the line breaker measures them. */
export const measureRuns = (p: BreakPara): MeasureRun[] => p.runs.map((r) => ({ text: r.text, size: r.size ?? p.style.size, bold: r.bold ?? p.style.bold }));

/** The width a paragraph's text has for its lines (a list's indent taken off). */
export const roomOf = (p: BreakPara, width: number): number => Math.max(1, width - (p.indent ?? 0) * (1 + (p.level ?? 0)));

/**
 * The penalty of a break between `a` and `b` that is neither between phrases nor between
 * words, or undefined where no break may go.
 */
function charPenalty(chars: readonly string[], at: number): number | undefined {
  const a = chars[at - 1]!;
  const b = chars[at]!;
  if (NO_START.has(b) || NO_END.has(a)) return undefined;
  if (SPACE.test(a) || SPACE.test(b)) return AT_SPACE;
  const kind = (c: string): string => (HAN.test(c) ? 'han' : KATAKANA.test(c) ? 'kata' : HIRAGANA.test(c) ? 'hira' : isAsian(c) ? 'mark' : 'latin');
  const [ka, kb] = [kind(a), kind(b)];
  if (ka === 'latin' && kb === 'latin') return undefined;
  if (ka === 'kata' && kb === 'kata') return undefined;
  if (ka === 'hira' && kb === 'hira') return undefined;
  if (ka === 'han' && kb === 'han') {
    let left = 0;
    for (let i = at - 1; i >= 0 && HAN.test(chars[i]!); i--) left++;
    let right = 0;
    for (let i = at; i < chars.length && HAN.test(chars[i]!); i++) right++;
    return left >= 2 && right >= 2 ? INSIDE_KANJI : undefined;
  }
  return SCRIPT_CHANGE;
}

/**
 * The penalty of a break before each code point of `text` (index 0 unused): 0 between
 * phrases, more the worse the place, undefined where no break may go.
 */
function penaltiesOf(text: string, cache: BreakCache): Array<number | undefined> {
  const known = cache.get(text);
  if (known) return known;
  const chars = [...text];
  const out: Array<number | undefined> = chars.map((_, i) => (i === 0 ? undefined : charPenalty(chars, i)));
  // Nothing inside a keep-together word (UTF-16 spans → code points).
  const cpAt: number[] = [];
  let cp = 0;
  for (const ch of chars) {
    cpAt.push(cp);
    if (ch.length > 1) cpAt.push(cp);
    cp++;
  }
  cpAt.push(cp);
  for (const [s, e] of keptSpans(text)) for (let i = cpAt[s]! + 1; i < cpAt[e]!; i++) out[i] = undefined;
  let at = 0;
  for (const words of phraseWordsOf(text)) {
    words.forEach((w, i) => {
      if (at > 0 && at < chars.length) out[at] = i === 0 ? 0 : Math.min(out[at] ?? BETWEEN_WORDS, BETWEEN_WORDS);
      at += [...w].length;
    });
  }
  cache.set(text, out);
  return out;
}

/**
 * The code-point offsets in `chars` (one group of a paragraph, no newline) a line break goes
 * before, and whether some line had to stay wider than `room`.
 */
function chooseBreaks(
  metrics: FontMetrics,
  chars: ReadonlyArray<{ ch: string; size: number; bold: boolean }>,
  penalties: ReadonlyArray<number | undefined>,
  room: number,
  mode: BreakMode,
): { breaks: number[]; lines: number; overfull: boolean } {
  const n = chars.length;
  // Prefix sums of the advances and of LibreOffice's spacing before each character.
  const adv = [0];
  const gap = [0];
  for (let i = 0; i < n; i++) {
    const c = chars[i]!;
    adv.push(adv[i]! + metrics.advance(c.ch.codePointAt(0) ?? 0, c.bold) * c.size);
    const prev = chars[i - 1];
    const western = (x: string): boolean => !isAsian(x) && !SPACE.test(x);
    const spaced = prev !== undefined && ((western(c.ch) && isAsian(prev.ch)) || (isAsian(c.ch) && western(prev.ch)));
    gap.push(gap[i]! + (spaced ? LIBREOFFICE_AUTOSPACE * c.size : 0));
  }
  const usable = room - BREAK_SLACK_PX;
  /** Width of the line [from, to) as LibreOffice sets it, spaces at its ends left out. */
  const widthOf = (from: number, to: number): number => {
    let [i, j] = [from, to];
    while (i < j && SPACE.test(chars[i]!.ch)) i++;
    while (j > i && SPACE.test(chars[j - 1]!.ch)) j--;
    if (j <= i) return 0;
    return (adv[j]! - adv[i]! + gap[j]! - gap[i + 1]!) / (1 - LIBREOFFICE_SLACK);
  };
  const stops = [0];
  for (let i = 1; i < n; i++) if (penalties[i] !== undefined) stops.push(i);
  stops.push(n);
  // Lexicographic costs as one number: overfull lines ≫ (mode's first) ≫ (mode's second) ≫ evenness.
  const OVER = 1e12;
  const [perLine, perPenalty] = mode === 'phrase' ? [100, 1e4] : [1e6, 100];
  const best = new Map<number, { cost: number; from: number; lines: number; over: boolean }>([[0, { cost: 0, from: -1, lines: 0, over: false }]]);
  for (let b = 1; b < stops.length; b++) {
    const to = stops[b]!;
    let pick: { cost: number; from: number; lines: number; over: boolean } | undefined;
    for (let a = b - 1; a >= 0; a--) {
      const from = stops[a]!;
      const prev = best.get(from)!;
      const w = widthOf(from, to);
      const fits = w <= usable;
      // A line that does not fit is only ever the stretch between two neighbouring stops.
      if (!fits && a < b - 1) break;
      const last = to === n;
      const loose = fits && !last ? ((usable - w) / usable) ** 2 : 0;
      const lines = fits ? 1 : Math.ceil(w / usable);
      const cost = prev.cost + (fits ? 0 : OVER) + lines * perLine + (last ? 0 : (penalties[to] ?? 0) * perPenalty) + loose;
      if (!pick || cost < pick.cost) pick = { cost, from, lines: prev.lines + lines, over: prev.over || !fits };
    }
    best.set(to, pick!);
  }
  const end = best.get(n)!;
  const breaks: number[] = [];
  for (let at = end.from, node = end; at > 0; node = best.get(at)!, at = node.from) breaks.unshift(at);
  return { breaks, lines: end.lines, overfull: end.over };
}

/**
 * A paragraph with explicit line breaks (a newline before each line but the first; a space
 * the break replaces is dropped) for a box `width` px wide. A paragraph that fits on one line
 * is left alone.
 */
export function breakByPhrase<P extends BreakPara>(metrics: FontMetrics, p: P, width: number, how: Breaking = breaking()): P {
  const room = roomOf(p, width);
  const wrapped = lineCount(metrics, measureRuns(p), room);
  if (wrapped <= 1) return p;
  const chars: Array<{ ch: string; size: number; bold: boolean }> = [];
  for (const r of p.runs) for (const ch of r.text) chars.push({ ch, size: r.size ?? p.style.size, bold: r.bold ?? p.style.bold });
  const text = chars.map((c) => c.ch).join('');
  const breaks = new Set<number>();
  let offset = 0;
  let lines = 0;
  let overfull = false;
  for (const group of text.split('\n')) {
    const n = [...group].length;
    const chosen = chooseBreaks(metrics, chars.slice(offset, offset + n), penaltiesOf(group, how.cache), room, how.mode);
    for (const b of chosen.breaks) breaks.add(offset + b);
    lines += Math.max(1, chosen.lines);
    overfull ||= chosen.overfull;
    offset += n + 1;
  }
  if (overfull) how.overfull++;
  if (breaks.size === 0) return p;
  // The last resort: more lines than the renderer's own wrapping are left to it.
  if (how.mode === 'wrap' && lines > wrapped && (!how.wrapOnly || how.wrapOnly.has(text))) {
    how.left.add(text);
    return p;
  }
  let i = 0;
  let lineStart = false;
  const runs = p.runs.map((r) => {
    let out = '';
    for (const ch of r.text) {
      if (breaks.has(i)) {
        out = `${out.replace(/[ \u3000]+$/u, '')}\n`;
        lineStart = true;
      }
      if (!(lineStart && SPACE.test(ch))) {
        out += ch;
        lineStart = false;
      }
      i++;
    }
    return { ...r, text: out };
  });
  return { ...p, runs };
}
