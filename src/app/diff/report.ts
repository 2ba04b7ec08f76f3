/**
 * The 新旧対照表 written out: Markdown (for review in a pull request or an e-mail)
 * and the HTML the A4 PDF is printed from. Both use the three-column form of
 * Japanese amendment tables — 新 / 旧 / 備考 — grouped by where the values are
 * printed, with the changed characters marked.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { fontFaceCss } from '../../stages/convert/fonts.ts';
import { compileFile } from '../../stages/render/handlebars.ts';
import { KIND_LABEL, summaryText, type ChangeKind, type DiffRow } from './compare.ts';
import { markChanges, wholly, type Piece } from './marks.ts';

export const REPORT_TITLE = '新旧対照表';
export const NO_CHANGES = '変更はありません';

/** One side of the comparison as the reader should recognise it. */
export interface SideInfo {
  /** What was asked for: `r3`, `v1.0:r3`. */
  spec: string;
  /** `「共創の場形成支援」の概要 令和3年度予算（案）資料` */
  title: string;
}

export interface DiffReport {
  old: SideInfo;
  new: SideInfo;
  rows: DiffRow[];
}

interface RowView {
  kind: ChangeKind;
  kindLabel: string;
  label: string;
  where: string;
  newPieces: Piece[];
  oldPieces: Piece[];
}

interface GroupView {
  place: string;
  rows: RowView[];
}

/** Consecutive rows printed in the same place share one group heading. */
export function groups(rows: readonly DiffRow[]): GroupView[] {
  const out: GroupView[] = [];
  for (const r of rows) {
    const marked = r.kind === 'changed' ? markChanges(r.old, r.new) : { old: r.kind === 'removed' ? wholly(r.old) : [], new: r.kind === 'added' ? wholly(r.new) : [] };
    const view: RowView = { kind: r.kind, kindLabel: KIND_LABEL[r.kind], label: r.label, where: r.where, newPieces: marked.new, oldPieces: marked.old };
    const last = out[out.length - 1];
    if (last && last.place === r.place) last.rows.push(view);
    else out.push({ place: r.place, rows: [view] });
  }
  return out;
}

export const sideLine = (side: SideInfo): string => `${side.spec}（${side.title}）`;

// ---------------------------------------------------------------- Markdown

/** Data as literal text in a GFM table cell or heading: punctuation backslash-escaped, `<`/`&` as entities, newline as `<br>`. */
export function mdText(s: string): string {
  return s.replace(/\r/g, '').replace(/[\\`*_[\]|~#!]|[<>&]|\n/g, (c) => {
    switch (c) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '\n':
        return '<br>';
      default:
        return `\\${c}`;
    }
  });
}

const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c);
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);

/**
 * `**…**` only emphasises when CommonMark sees the markers as flanking; next to
 * Japanese punctuation (「（ …) or at a space they do not, and the reader would
 * see stray asterisks. There `<b>` (which GFM passes through) marks the run instead.
 */
function strong(before: string, run: string, after: string): string {
  const first = run[0];
  const last = run[run.length - 1];
  const prev = before[before.length - 1];
  const next = after[0];
  const opens = !isSpace(first) && (!isPunct(first) || isSpace(prev) || isPunct(prev));
  const closes = !isSpace(last) && (!isPunct(last) || isSpace(next) || isPunct(next));
  return opens && closes ? `**${run}**` : `<b>${run}</b>`;
}

function mdPieces(pieces: readonly Piece[]): string {
  const escaped = pieces.map((p) => ({ text: mdText(p.text), changed: p.changed }));
  return escaped.map((p, i) => (p.changed ? strong(escaped[i - 1]?.text ?? '', p.text, escaped[i + 1]?.text ?? '') : p.text)).join('');
}

/** A data path in a code span, unless it holds a character a code span cannot (then plain escaped text). */
const mdCode = (s: string) => (/[`|\n]/u.test(s) ? mdText(s) : `\`${s}\``);

export function renderMarkdown(report: DiffReport): string {
  const lines = [
    `# ${REPORT_TITLE}`,
    '',
    `- 新: ${mdText(sideLine(report.new))}`,
    `- 旧: ${mdText(sideLine(report.old))}`,
    '',
    `${summaryText(report.rows)}${report.rows.length === 0 ? '。' : ''}`,
  ];
  for (const g of groups(report.rows)) {
    // 備考 in words; where the value lives in the data, for whoever edits it, in a column of its own.
    lines.push('', `## ${mdText(g.place)}`, '', '| 新 | 旧 | 備考 | データ |', '| --- | --- | --- | --- |');
    for (const r of g.rows) {
      lines.push(`| ${mdPieces(r.newPieces)} | ${mdPieces(r.oldPieces)} | ${r.kindLabel}：${mdText(r.label)} | ${mdCode(r.where)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- HTML (for the PDF)

/** Self-contained HTML of the report: Handlebars (strict, markup-proof escaping), CSS inlined, fonts embedded. */
export async function renderHtml(templatesDir: string, report: DiffReport): Promise<string> {
  const dir = path.join(templatesDir, 'diff');
  const template = await compileFile(path.join(dir, 'diff.hbs'));
  const css = await readFile(path.join(dir, 'diff.css'), 'utf8');
  const html = template({
    title: REPORT_TITLE,
    newSide: sideLine(report.new),
    oldSide: sideLine(report.old),
    summary: summaryText(report.rows),
    empty: report.rows.length === 0,
    noChanges: NO_CHANGES,
    groups: groups(report.rows),
    // CSS is ours, not data; `</` is neutralised so it cannot close the <style> element.
    css: new Handlebars.SafeString(css.replace(/<\//g, '<\\/')),
    fonts: new Handlebars.SafeString('/*@font-faces*/'),
  });
  // Subset the embedded font to what this document prints, page-number digits included.
  const faces = await fontFaceCss(`${html}0123456789/ `);
  return html.replace('/*@font-faces*/', () => faces);
}
