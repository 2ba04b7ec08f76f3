/**
 * guidelines/*.yaml — the prose that only the A4 call guidelines (公募要領) need.
 *
 * Numbers, dates, types and names are never written here: the guideline template
 * reads them from the same files the slides use (calls/*.yaml, overview.yaml, …).
 * What lives here is the chapter titles and narrative Markdown that restates the
 * programme's own material, with placeholders where the programme has not decided yet.
 */
import { decodeHTML } from 'entities';
import { z } from 'zod';
import { charProblemReport, firstCharProblem } from '../shared/unicode.ts';
import type { CrossIssue, ParsedFile } from './contract.ts';
import { FuzzyDateSchema, Id, Text, text } from './primitives.ts';

/** What staff write where a detail is not yet decided; the template highlights it. */
export const PLACEHOLDER = '（詳細は確定後に記載）';

const HEADING_RE = /^(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$/u;

/**
 * A Markdown block. Chapters (h1) and sections (h2) belong to the template, so
 * prose may only use `###` and `####`; raw HTML is refused here (and rendered
 * inert anyway, markdown-it runs with `html: false`).
 */
export const MarkdownSchema = Text.superRefine((md, ctx) => {
  let fence = false;
  const definitions = linkDefinitions(md);
  md.split('\n').forEach((line, i) => {
    if (/^\s*(```|~~~)/u.test(line)) fence = !fence;
    if (fence) return;
    const prose = line.replace(/`[^`]*`/gu, '');
    // What an entity decodes to is what the PDF shows: the character rule holds for it (`&#x2F27;` is ⼧, not 長).
    for (const m of prose.matchAll(ENTITY_RE)) {
      const found = firstCharProblem(decodeHTML(m[0]));
      if (!found) continue;
      const r = charProblemReport(found.ch, found.problem);
      ctx.addIssue({
        code: 'custom',
        message: `${i + 1}行目 ${m[0]}: ${r.message.ja} / line ${i + 1} ${m[0]}: ${r.message.en}`,
        params: { ja: `${i + 1}行目の「${m[0]}」: ${r.message.ja}`, en: `line ${i + 1}, "${m[0]}": ${r.message.en}`, hintJa: r.hint.ja, hintEn: r.hint.en, charCode: r.code },
      });
    }
    // The renderer loads nothing from outside (a remote or file image prints as a broken icon): refuse it here, located.
    for (const url of imageUrls(prose, definitions)) {
      if (/^data:image\//iu.test(url)) continue;
      ctx.addIssue({
        code: 'custom',
        message: `${i + 1}行目: 画像 ${url} は読み込めない / line ${i + 1}: image ${url} cannot be loaded`,
        params: {
          ja: `${i + 1}行目: 画像「${url}」は公募要領に表示できません（外部や別ファイルの画像は読み込みません）`,
          en: `line ${i + 1}: the image "${url}" cannot appear in the guidelines (nothing is loaded from outside the document)`,
          hintJa: '画像を削除し、必要なら文章で説明してください。',
          hintEn: 'Remove the image; describe it in words if needed.',
          charCode: 'REMOTE_IMAGE',
        },
      });
    }
    const h = /^ {0,3}(#+)(.*)$/u.exec(line);
    if (h) {
      const m = HEADING_RE.exec(line.trim());
      const level = h[1]!.length;
      if (!m || !/^[ \t]/u.test(h[2] ?? '') || !(m[2] ?? '').trim()) {
        ctx.addIssue({ code: 'custom', message: `${i + 1}行目: 見出しは「### 見出し」の形で書く / line ${i + 1}: write a heading as "### Title"` });
      } else if (level < 3 || level > 4) {
        ctx.addIssue({
          code: 'custom',
          message: `${i + 1}行目: 使える見出しは ### と #### だけ（章・節はテンプレートが付ける） / line ${i + 1}: only ### and #### headings (chapters and sections come from the template)`,
        });
      }
    }
    if (/<\/?[A-Za-z!][^>]*>/u.test(line)) {
      ctx.addIssue({ code: 'custom', message: `${i + 1}行目: HTML タグは使えない（Markdown で書く） / line ${i + 1}: no HTML tags, use Markdown` });
    }
  });
}).describe('Markdown の本文（### と #### の見出し、箇条書き、強調が使える。HTML不可）。未確定の箇所は「（詳細は確定後に記載）」と書く');

/** A character reference as markdown-it decodes it: numeric, or a named HTML5 entity. */
const ENTITY_RE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/gu;

/** `[label]: url` definitions (labels compare case-insensitively, as CommonMark does). */
function linkDefinitions(md: string): Map<string, string> {
  const defs = new Map<string, string>();
  for (const m of md.matchAll(/^ {0,3}\[([^\]]+)\]:[ \t]*<?([^\s>]+)>?/gmu)) defs.set(m[1]!.trim().toLowerCase(), m[2]!);
  return defs;
}

/** URLs of the images of one line: `![alt](url)`, `![alt][label]`, `![label][]`, `![label]`. */
function imageUrls(line: string, definitions: ReadonlyMap<string, string>): string[] {
  const urls: string[] = [];
  for (const m of line.matchAll(/!\[([^\]]*)\](?:\(\s*<?([^\s)>]*)|\[([^\]]*)\])?/gu)) {
    if (m[2] !== undefined) urls.push(m[2]);
    else {
      const url = definitions.get((m[3] || m[1] || '').trim().toLowerCase());
      if (url !== undefined) urls.push(url);
    }
  }
  return urls;
}

const md = (ja: string) => MarkdownSchema.describe(ja);

const chapter = (ja: string) =>
  z
    .strictObject({
      title: text(`章の題（目次・しおりにも使う）。例: ${ja}`),
      text: md('章の冒頭に置く本文（Markdown）').optional(),
      closing: md('章の末尾に置く本文（Markdown）。未確定の項目の見出しと「（詳細は確定後に記載）」など').optional(),
    })
    .describe(`章「${ja}」`);

/** Chapter ids in document order; the template lays them out in this order. */
export const GUIDELINE_CHAPTERS = ['purpose', 'scope', 'eligibility', 'budget', 'awards', 'schedule', 'review', 'afterProject', 'contact', 'notes'] as const;
export type GuidelineChapterId = (typeof GUIDELINE_CHAPTERS)[number];

export const GuidelineSchema = z
  .strictObject({
    call: Id.describe('対象の公募（calls/*.yaml の id）。例: kyoso'),
    title: text('文書の種類。例: 公募要領'),
    issued: FuzzyDateSchema.optional().describe('発行日（省略時は edition.yaml の date）。例: {date: 2020-10}'),
    statusLabels: z
      .strictObject({
        draft: text('案の表示。例: 案'),
        final: text('確定版の表示。例: 確定版'),
      })
      .describe('表紙に出す版の状態'),
    chapters: z
      .strictObject({
        purpose: chapter('プログラムの趣旨・背景'),
        scope: chapter('公募の対象（実施タイプ・対象分野）'),
        eligibility: chapter('応募要件・提案体制'),
        budget: chapter('委託費・支援期間'),
        awards: chapter('採択予定件数'),
        schedule: chapter('公募スケジュール'),
        review: chapter('選考・プログラム運営'),
        afterProject: chapter('プロジェクト終了後の取組'),
        contact: chapter('問い合わせ先'),
        notes: chapter('留意事項'),
      })
      .describe('章（順序はテンプレートが決める）'),
  })
  .describe('公募要領だけが使う本文（guidelines/*.yaml）');

export type Guideline = z.infer<typeof GuidelineSchema>;

/** Each guideline names an existing call, and no call has two guidelines. */
export function guidelineCrossCheck(files: ParsedFile[]): CrossIssue[] {
  const issues: CrossIssue[] = [];
  const calls = new Set(files.filter((f) => f.kind === 'call').map((f) => (f.data as { id: string }).id));
  const seen = new Map<string, string>();
  for (const f of files.filter((x) => x.kind === 'guideline')) {
    const call = (f.data as Guideline).call;
    if (!calls.has(call)) {
      issues.push({
        code: 'DANGLING_REF',
        file: f.rel,
        path: ['call'],
        message: { ja: `公募「${call}」が見つかりません`, en: `call "${call}" does not resolve` },
        hint: { ja: `既知の値: ${[...calls].join(', ') || '(なし)'}`, en: `known: ${[...calls].join(', ') || '(none)'}` },
      });
    }
    const first = seen.get(call);
    if (first) {
      issues.push({
        code: 'DUPLICATE_ID',
        file: f.rel,
        path: ['call'],
        message: { ja: `公募「${call}」の公募要領が ${first} と重複しています`, en: `a guideline for call "${call}" already exists in ${first}` },
      });
    } else seen.set(call, f.rel);
  }
  return issues;
}
