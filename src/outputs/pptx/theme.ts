/**
 * The theme's values for the native PPTX, read from the slide theme itself
 * (templates/themes/kyoso.css): colours, font sizes, line heights, paddings and margins live
 * in one place, and a change there changes the HTML, the PDF and the PPTX alike. The CSS is
 * read as declarations per selector (a small cascade: the last declaration of a property for
 * a selector wins); the PPTX asks for `('.point .cap', 'font-size')`. A value the PPTX needs
 * that the theme does not have stops the build naming the selector, so a renamed class is
 * noticed at once instead of falling back to a guess.
 */
import { fail } from '../../shared/errors.ts';

type Declarations = Map<string, string>;

/** What a text inherits and a rule may override (sizes in CSS px). */
export interface TextStyle {
  size: number;
  /** Multiple of the size. */
  lineHeight: number;
  color: string;
  bold: boolean;
}

/** Comments out, then `selector, selector { prop: value; … }` blocks (the theme has no at-rules with bodies). */
function parseRules(css: string): Map<string, Declarations> {
  const rules = new Map<string, Declarations>();
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    // Commas inside :where()/:is() do not separate selectors.
    const selectors = m[1]!
      .split(/,(?![^()]*\))/u)
      .map((s) => s.trim().replace(/\s+/g, ' '))
      .filter(Boolean);
    for (const decl of m[2]!.split(';')) {
      const at = decl.indexOf(':');
      if (at < 0) continue;
      const prop = decl.slice(0, at).trim().toLowerCase();
      const value = decl.slice(at + 1).trim();
      if (!prop || !value) continue;
      for (const sel of selectors) {
        let d = rules.get(sel);
        if (!d) rules.set(sel, (d = new Map()));
        d.set(prop, value);
      }
    }
  }
  return rules;
}

/** `#fff`, `#0b4a8b` → `FFFFFF`, `0B4A8B` (pptxgenjs wants six hex digits, no `#`). */
export function hexColor(value: string): string | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m) return undefined;
  const h = m[1]!;
  return (h.length === 3 ? [...h].map((c) => c + c).join('') : h).toUpperCase();
}

/**
 * `calc()` of lengths the way the theme writes them (`calc(15px + 4px * 1)`, after `var()`
 * substitution): + − × ÷ and parentheses over px numbers and plain factors; px assumed.
 */
export function evaluateCalc(expr: string): number | undefined {
  const tokens = expr.match(/\d*\.?\d+(?:px)?|[-+*/()]|calc/g) ?? [];
  if (tokens.join('').replace(/calc/g, '') !== expr.replace(/\s+/g, '').replace(/calc/g, '')) return undefined;
  let i = 0;
  const factor = (): number => {
    const t = tokens[i++];
    if (t === 'calc') return factor();
    if (t === '(') {
      const v = sum();
      if (tokens[i++] !== ')') throw new Error('unbalanced calc()');
      return v;
    }
    if (t === '-') return -factor();
    const n = Number.parseFloat(t ?? '');
    if (!Number.isFinite(n)) throw new Error(`unexpected ${t}`);
    return n;
  };
  const product = (): number => {
    let v = factor();
    while (tokens[i] === '*' || tokens[i] === '/') v = tokens[i++] === '*' ? v * factor() : v / factor();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (tokens[i] === '+' || tokens[i] === '-') v = tokens[i++] === '+' ? v + product() : v - product();
    return v;
  };
  try {
    const v = sum();
    return i === tokens.length && Number.isFinite(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The space-separated values of a shorthand, a `calc( … )` with its spaces being one value. */
export function splitValues(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value.trim()) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (/\s/.test(ch) && depth === 0) {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

export class ThemeTokens {
  readonly #rules: Map<string, Declarations>;
  readonly #file: string;
  /** Custom properties set from outside (the per-slide fit `--k`), over the theme's own. */
  readonly #vars: ReadonlyMap<string, string>;

  constructor(css: string | Map<string, Declarations>, file: string, vars: ReadonlyMap<string, string> = new Map()) {
    this.#rules = typeof css === 'string' ? parseRules(css) : css;
    this.#file = file;
    this.#vars = vars;
  }

  /** The same theme with some custom properties set (`{ '--k': '0.5' }`). */
  at(vars: Record<string, string>): ThemeTokens {
    return new ThemeTokens(this.#rules, this.#file, new Map([...this.#vars, ...Object.entries(vars)]));
  }

  /** The value with every `var(--x)` replaced, or the build stops: the theme lacks what the PPTX needs. */
  raw(selector: string, property: string): string {
    const value = this.#lookup(selector, property);
    if (value === undefined) throw fail('themeToken', { file: this.#file, selector, property });
    return this.#substitute(value, selector, property);
  }

  #substitute(value: string, selector: string, property: string, depth = 0): string {
    if (!value.includes('var(')) return value;
    if (depth > 8) throw fail('themeToken', { file: this.#file, selector, property });
    const next = value.replace(/var\((--[\w-]+)\s*(?:,\s*([^()]*))?\)/g, (_, name: string, fallback: string | undefined) => {
      const v = this.#vars.get(name) ?? this.#rules.get('section')?.get(name) ?? fallback;
      if (v === undefined) throw fail('themeToken', { file: this.#file, selector: 'section', property: name });
      return v;
    });
    return this.#substitute(next, selector, property, depth + 1);
  }

  /**
   * The first of these selectors the theme has a rule for (a rule renamed between theme
   * versions: `.mechanism h3` became `.mechanism h2`), or the build stops naming the first.
   */
  first(...selectors: [string, ...string[]]): string {
    const hit = selectors.find((s) => this.#rules.has(s));
    if (hit === undefined) throw fail('themeToken', { file: this.#file, selector: selectors[0], property: '{…}' });
    return hit;
  }

  has(selector: string, property: string): boolean {
    return this.#lookup(selector, property) !== undefined;
  }

  /**
   * A declared value; `margin-bottom` and the like also from their `margin`/`padding`
   * shorthand, `row-gap`/`column-gap` from `gap` (`gap: 4px 26px` is row, then column).
   */
  #lookup(selector: string, property: string): string | undefined {
    const d = this.#rules.get(selector);
    const direct = d?.get(property);
    if (direct !== undefined || !d) return direct;
    const axis = /^(row|column)-gap$/.exec(property);
    if (axis) {
      const gap = d.get('gap');
      if (gap === undefined) return undefined;
      const [row, column = row] = splitValues(gap);
      return axis[1] === 'row' ? row : column;
    }
    const side = /^(margin|padding)-(top|right|bottom|left)$/.exec(property);
    const shorthand = side ? d.get(side[1]!) : undefined;
    if (!side || shorthand === undefined) return undefined;
    const [t, r = t, b = t, l = r] = splitValues(shorthand);
    return { top: t, right: r, bottom: b, left: l }[side[2] as 'top' | 'right' | 'bottom' | 'left'];
  }

  /** A custom property of `section` (`--blue`), or one set with at(). */
  variable(name: string): string {
    return this.#vars.get(name) ?? this.raw('section', name);
  }

  /**
   * The gaps of a grid or flex container as { row, column } px: `gap: 12px` is both,
   * `gap: 4px 26px` row then column; `row-gap`/`column-gap` override.
   */
  gap(selector: string): { row: number; column: number } {
    const row = this.has(selector, 'row-gap');
    const column = this.has(selector, 'column-gap');
    if (!row && !column) throw fail('themeToken', { file: this.#file, selector, property: 'gap' });
    // The axis a rule leaves out is `normal`: no gap in a grid or flex container.
    return { row: row ? this.px(selector, 'row-gap') : 0, column: column ? this.px(selector, 'column-gap') : 0 };
  }

  /** A length in CSS px (`15px`, or `0`); `em` relative to `emOf` px. */
  px(selector: string, property: string, emOf?: number): number {
    return this.#length(this.raw(selector, property), selector, property, emOf);
  }

  #length(value: string, selector: string, property: string, emOf?: number): number {
    const v = value.trim();
    if (v === '0') return 0;
    if (v.startsWith('calc(')) {
      const n = evaluateCalc(v);
      if (n === undefined) throw fail('themeToken', { file: this.#file, selector, property });
      return n;
    }
    const m = /^(-?[\d.]+)(px|em)$/.exec(v);
    if (!m || (m[2] === 'em' && emOf === undefined)) throw fail('themeToken', { file: this.#file, selector, property });
    return m[2] === 'em' ? Number(m[1]) * emOf! : Number(m[1]);
  }

  /** The px tracks of a grid template (`380px 120px 1fr` → [380, 120]; the flexible rest is the caller's). */
  columns(selector: string, property: string, count: number): number[] {
    const px = splitValues(this.raw(selector, property))
      .filter((c) => c.endsWith('px'))
      .map((c) => Number.parseFloat(c));
    if (px.length < count || px.some((n) => !Number.isFinite(n))) throw fail('themeToken', { file: this.#file, selector, property });
    return px;
  }

  /** A plain number (`line-height: 1.35`, or a calc() of plain numbers). */
  num(selector: string, property: string): number {
    const raw = this.raw(selector, property).trim();
    const v = raw.startsWith('calc(') ? (evaluateCalc(raw) ?? Number.NaN) : Number(raw);
    if (!Number.isFinite(v)) throw fail('themeToken', { file: this.#file, selector, property });
    return v;
  }

  /** A shorthand of 1–4 lengths (`padding: 4px 7px`) as [top, right, bottom, left] px. */
  box(selector: string, property: string, emOf?: number): [number, number, number, number] {
    const parts = splitValues(this.raw(selector, property)).map((p) => this.#length(p, selector, property, emOf));
    if (parts.length === 0 || parts.length > 4) throw fail('themeToken', { file: this.#file, selector, property });
    const [t = 0, r = t, b = t, l = r] = parts;
    return [t, r, b, l];
  }

  /** A colour (`#fff`, `var(--blue)`, or the colour inside a `border` shorthand) as six hex digits. */
  color(selector: string, property: string): string {
    const resolved = this.raw(selector, property);
    const direct = hexColor(resolved);
    if (direct) return direct;
    const inside = /#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/i.exec(resolved)?.[0];
    const hex = inside ? hexColor(inside) : undefined;
    if (!hex) throw fail('themeToken', { file: this.#file, selector, property });
    return hex;
  }

  /** The last colour inside a value (the lower colour of a two-stop gradient). */
  lastColor(selector: string, property: string): string {
    const resolved = this.raw(selector, property);
    const all = [...resolved.matchAll(/#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/gi)].map((m) => hexColor(m[0]));
    const last = all[all.length - 1];
    if (!last) throw fail('themeToken', { file: this.#file, selector, property });
    return last;
  }

  /** The width in px of a `border` shorthand (`1.5px solid var(--blue-line)`). */
  borderWidth(selector: string, property: string): number {
    const w = /(^|\s)([\d.]+)px\b/.exec(this.raw(selector, property))?.[2];
    if (w === undefined) throw fail('themeToken', { file: this.#file, selector, property });
    return Number(w);
  }

  /** A percentage inside a value (the colour stop of a gradient). */
  percent(selector: string, property: string): number {
    const p = /([\d.]+)%/.exec(this.raw(selector, property))?.[1];
    if (p === undefined) throw fail('themeToken', { file: this.#file, selector, property });
    return Number(p) / 100;
  }

  /** The first px length inside a value (`linear-gradient(90deg, var(--blue) 0 12px, …)` → 12). */
  firstPx(selector: string, property: string): number {
    const v = /([\d.]+)px/.exec(this.raw(selector, property))?.[1];
    if (v === undefined) throw fail('themeToken', { file: this.#file, selector, property });
    return Number(v);
  }

  /**
   * The text style of `selector`, inheriting what it does not declare from `parent` (the CSS
   * cascade for the properties text needs: font-size, line-height, color, font-weight).
   */
  style(selector: string, parent: TextStyle): TextStyle {
    if (!this.#rules.has(selector)) throw fail('themeToken', { file: this.#file, selector, property: 'font-size' });
    const has = (p: string): boolean => this.has(selector, p) && this.raw(selector, p) !== 'inherit';
    const size = has('font-size') ? this.px(selector, 'font-size', parent.size) : parent.size;
    return {
      size,
      lineHeight: has('line-height')
        ? this.raw(selector, 'line-height').endsWith('px')
          ? this.px(selector, 'line-height') / size
          : this.num(selector, 'line-height')
        : parent.lineHeight,
      color: has('color') ? this.color(selector, 'color') : parent.color,
      bold: has('font-weight') ? this.bold(selector) : parent.bold,
    };
  }

  /** Is the weight bold (`font-weight: 700`)? */
  bold(selector: string): boolean {
    const w = this.has(selector, 'font-weight') ? this.raw(selector, 'font-weight') : undefined;
    return w === 'bold' || (w !== undefined && Number(w) >= 600);
  }
}
