/**
 * guidelines/*.yaml — the prose that only the A4 call guidelines (公募要領) need.
 *
 * Numbers, dates, types and names are never written here: the guideline template
 * reads them from the same files the slides use (calls/*.yaml, overview.yaml, …).
 * What lives here is the chapter titles and narrative Markdown that restates the
 * programme's own material, with placeholders where the programme has not decided yet.
 */
import { z } from 'zod';
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
  md.split('\n').forEach((line, i) => {
    if (/^\s*(```|~~~)/u.test(line)) fence = !fence;
    if (fence) return;
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
