/**
 * guidelines/*.yaml — the composition of one 公募要領 and the prose only it needs.
 *
 * A guideline is an ordered tree: chapters (第1章) → sections (1.1) → subsections ((1)) →
 * items (ア), plus appendices (別紙1). Each node holds Markdown prose and data-bound blocks
 * (GUIDELINE_BLOCKS) in the order they print; numbering, the TOC, the bookmarks and the
 * running heads follow the tree. Numbers, dates, types and names are never written here:
 * the blocks and `{{value:…}}` print them from the files the slides use.
 */
import { decodeHTML } from 'entities';
import { z } from 'zod';
import { charProblemReport, firstCharProblem } from '../shared/unicode.ts';
import { FuzzyDateSchema, Id, Text, text } from './primitives.ts';

export { PLACEHOLDER, PLACEHOLDERS, TO_CONFIRM } from '../shared/values.ts';

const HEADING_RE = /^(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$/u;

/**
 * A Markdown block. Chapters (h1) and sections (h2) belong to the template, so
 * prose may only use `###` and `####`; raw HTML is refused here (and rendered
 * inert anyway, markdown-it runs with `html: false`).
 */
export const MarkdownSchema = Text.superRefine((md, ctx) => {
  let fence = false;
  const definitions = linkDefinitions(md);
  // Where each line starts in the value: an issue carries the index of its place (the validator maps it to line:col in the YAML).
  let start = 0;
  const lines = md.split('\n');
  lines.forEach((line, i) => {
    const at = start;
    start += line.length + 1;
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
        params: { ja: `「${m[0]}」: ${r.message.ja}`, en: `"${m[0]}": ${r.message.en}`, hintJa: r.hint.ja, hintEn: r.hint.en, charCode: r.code, index: at + line.indexOf(m[0]) },
      });
    }
    // The renderer loads nothing from outside (a remote or file image prints as a broken icon): refuse it here, located.
    for (const url of imageUrls(prose, definitions)) {
      if (/^data:image\//iu.test(url)) continue;
      ctx.addIssue({
        code: 'custom',
        message: `${i + 1}行目: 画像 ${url} は読み込めない / line ${i + 1}: image ${url} cannot be loaded`,
        params: {
          ja: `画像「${url}」は公募要領に表示できません（外部や別ファイルの画像は読み込みません）`,
          en: `the image "${url}" cannot appear in the guidelines (nothing is loaded from outside the document)`,
          hintJa: '画像を削除し、必要なら文章で説明してください。',
          hintEn: 'Remove the image; describe it in words if needed.',
          charCode: 'REMOTE_IMAGE',
          index: at + Math.max(0, line.indexOf(url)),
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
    // Constructs that would vanish from the page or leak their syntax into it: each a located error.
    const construct = markdownConstructProblem(line, i > 0 ? lines[i - 1]! : '');
    if (construct) ctx.addIssue({ code: 'custom', message: `${i + 1}行目: ${construct.ja} / line ${i + 1}: ${construct.en}` });
    if (/<\/?[A-Za-z!][^>]*>/u.test(line)) {
      ctx.addIssue({ code: 'custom', message: `${i + 1}行目: HTML タグは使えない（Markdown で書く） / line ${i + 1}: no HTML tags, use Markdown` });
    }
  });
}).describe('Markdown の本文（### と #### の見出し、箇条書き、強調が使える。HTML不可）。未確定の箇所は「（詳細は確定後に記載）」と書く');

/** Lists and quotes one inside another, started on one line, beyond which a line is refused. */
const MAX_INLINE_NESTING = 8;

/**
 * A Markdown construct of one line that the documents cannot print as written (issue 32): a
 * setext heading (text over a line of = or -: an h1/h2 that bypasses the ### / #### rule), a
 * reference-style definition (never printed; `[^1]: …` footnotes are one), a footnote or
 * reference-style link (printed as its raw brackets), a link with no text (vanishes).
 */
export function markdownConstructProblem(line: string, previous: string): { ja: string; en: string } | undefined {
  // Lists and quotes opened one inside another on one line (「- - - …」): no document nests so deep,
  // and parsers spend time per level per level (20,000 of them kept validate busy for minutes).
  if (new RegExp(`^(?: {0,3}(?:[-*+>]|\\d{1,9}[.)])(?:[ \t]+|$)){${MAX_INLINE_NESTING + 1}}`, 'u').test(line))
    return {
      ja: `1行の中で箇条書きや引用が ${MAX_INLINE_NESTING} 段を超えて入れ子になっています。行を分け、段を減らす`,
      en: `lists or quotes nest more than ${MAX_INLINE_NESTING} levels on one line; split the line and nest less`,
    };
  const prose = line.replace(/`[^`]*`/gu, '');
  const above = previous.trim();
  if (/^ {0,3}(=+|-+)[ \t]*$/u.test(line) && above !== '' && !/^ {0,3}([-*+]|\d+[.)])([ \t]|$)|^ {0,3}(#|>|```|~~~|\|)/u.test(previous) && !/^ {0,3}(=+|-+)[ \t]*$/u.test(previous))
    return {
      ja: '文の下の「===」「---」の行は見出しになります。見出しは ### で書き、区切り線なら前に空行を入れる',
      en: 'a line of = or - under text makes a heading; write headings with ###, and put a blank line before a rule',
    };
  if (/^ {0,3}\[[^\]]+\]:/u.test(prose))
    return {
      ja: '「[名前]: …」の定義は資料に出ません。リンクは [文字](URL) と書き、注は本文に書く',
      en: 'a "[label]: …" definition is not printed; write links as [text](url) and notes in the text',
    };
  if (/\[\^[^\]]*\]/u.test(prose))
    return {
      ja: '脚注「[^…]」は使えません（そのまま表示されます）。注は {{note:注の文}} と書く',
      en: 'footnotes "[^…]" are not supported (printed as written); write {{note:the note}}',
    };
  if (/\]\[[^\]]*\]/u.test(prose))
    return { ja: '「[文字][名前]」の形のリンクは使えません。[文字](URL) と書く', en: 'reference-style links "[text][label]" are not supported; write [text](url)' };
  if (/(^|[^!\\])\[\s*\]\(/u.test(prose)) return { ja: '文字のないリンク「[](…)」は資料に何も出ません', en: 'a link with no text "[](…)" prints nothing' };
  return undefined;
}

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

/** What a data-bound block needs besides the call: the field overview, a roster, or results of the call's field. */
export type BlockNeeds = 'overview' | 'roster' | 'results' | undefined;

/**
 * The data-bound blocks a guideline can place, each printing from the edition's data (never a
 * copy): what it needs, and whether it brings its own title (so a section holding it as its
 * first item may leave `title` out — the roster section is then titled by the roster's heading).
 */
export const GUIDELINE_BLOCKS = {
  'key-points': { ja: '公募の要点（calls の bullets）', needs: undefined, titled: false },
  types: { ja: '実施タイプ・対象分野・目標の表', needs: undefined, titled: false },
  budget: { ja: '委託費・支援期間の表', needs: undefined, titled: false },
  awards: { ja: '採択予定件数の表', needs: undefined, titled: false },
  schedule: { ja: '公募スケジュールの表と注記', needs: undefined, titled: false },
  composition: { ja: '実施機関の構成要件', needs: undefined, titled: true },
  participants: { ja: '参画機関（programmes.yaml）', needs: undefined, titled: true },
  proposer: { ja: '提案主体の表（分野の概要）', needs: 'overview', titled: true },
  background: { ja: '背景・課題（overview.yaml の first）', needs: undefined, titled: true },
  summary: { ja: '事業概要と分野の概要（overview.yaml・programmes.yaml）', needs: undefined, titled: true },
  points: { ja: '３つのポイントの表', needs: undefined, titled: true },
  goals: { ja: 'プロジェクトに求めるゴール', needs: undefined, titled: true },
  mechanisms: { ja: 'ゴールの達成を支える仕組み', needs: undefined, titled: true },
  'after-project': { ja: 'プロジェクト終了後の取組（overview.yaml）', needs: undefined, titled: false },
  'field-background': { ja: '分野の背景・課題（calls の overview）', needs: 'overview', titled: true },
  'field-summary': { ja: '分野の事業概要・ポイント・予算額（calls の overview）', needs: 'overview', titled: true },
  roster: { ja: 'PO・AD の表と時点（roster*.yaml）', needs: 'roster', titled: true },
  contact: { ja: '問い合わせ先（contact.yaml）', needs: undefined, titled: false },
  'form-guide': { ja: '様式ごとの記入要領（forms.yaml の記入する内容・記入上の注意・欄・分量）', needs: undefined, titled: false },
  forms: { ja: '様式一覧（forms.yaml のこの公募の様式: 番号・名称・記入する内容・分量）', needs: undefined, titled: false },
  notes: { ja: '留意事項（edition.yaml の注記）', needs: undefined, titled: false },
  references: { ja: '参考文献（overview.yaml の脚注）', needs: undefined, titled: false },
  results: { ja: 'これまでの公募の結果（results.yaml の、この公募の分野の応募件数・採択件数・採択されたプロジェクト）', needs: 'results', titled: true },
} as const satisfies Record<string, { ja: string; needs: BlockNeeds; titled: boolean }>;

export type GuidelineBlockKind = keyof typeof GUIDELINE_BLOCKS;
export const GUIDELINE_BLOCK_KINDS = Object.keys(GUIDELINE_BLOCKS) as GuidelineBlockKind[];

/**
 * A single value inside prose: `{{value:budget.honkaku}}` prints the 本格型's budget exactly as
 * the tables do (the formatters of stages/render/values.ts). Names: fiscalYear, call,
 * minInstitutions, rosterAsOf, fieldBudget, email, url, and budget.<type>, period.<type>,
 * awards.<type>, milestone.<milestone id>.
 */
export const VALUE_RE = /\{\{\s*value\s*:\s*([^}\s]*)\s*\}\}/gu;
/**
 * A footnote inside prose: `{{note:注の文}}` prints a mark 注1 (linked) where it stands and the note,
 * numbered through the document, at the end of its chapter with a link back. Plain text only (no
 * braces, no line break): the markdown footnote `[^1]` is refused (markdownConstructProblem).
 */
export const NOTE_RE = /\{\{\s*note\s*:\s*([^{}\n]*?)\s*\}\}/gu;
export const PLAIN_VALUES = ['fiscalYear', 'call', 'minInstitutions', 'rosterAsOf', 'fieldBudget', 'email', 'url'] as const;
export const TYPE_VALUES = ['budget', 'period', 'awards'] as const;

/** Where a figure's file is: relative to the edition folder, inside it, an SVG or a PNG. */
export const FIGURE_FILE_RE = /^(?![/\\])(?!.*(?:^|\/)\.\.?(?:\/|$))[\w\-./]+\.(?:svg|png)$/iu;

/** A figure: an image file next to the data, its caption (numbered 図1 … by the document) and the text that says what it shows. */
export const FigureItemSchema = z
  .strictObject({
    figure: z
      .string()
      .regex(FIGURE_FILE_RE, '版のフォルダの中の .svg か .png のファイル（例: figures/flow.svg） / a .svg or .png file inside the edition folder')
      .describe('図のファイル（版のフォルダからの相対パス、SVG または PNG）。例: figures/flow.svg'),
    caption: text('図の題（「図1」などの番号は自動で付く）'),
    alt: text('図の代替テキスト（図を見られない読み手に図の内容を伝える文。PDF の /Alt、Word の説明になる）'),
    width: z.number().int().min(20).max(100).optional().describe('図の幅（本文の幅に対する %、省略時 100）'),
  })
  .describe('図（SVG または PNG、図番号・題・代替テキスト付き）');

export const BodyItemSchema = z
  .union([
    FigureItemSchema,
    z
      .strictObject({ text: md('本文（Markdown）。値は {{value:budget.honkaku}}、年度で変わる語は {{term:funding}}、注は {{note:注の文}}（章末に番号付きで載る）で書ける') })
      .describe('本文'),
    z
      .strictObject({
        block: z.enum(GUIDELINE_BLOCK_KINDS).describe(`データから作るブロック: ${GUIDELINE_BLOCK_KINDS.map((k) => `${k}=${GUIDELINE_BLOCKS[k].ja}`).join('、')}`),
      })
      .describe('データから作るブロック'),
  ])
  .describe('章・節の中身の1つ（text: 本文 または block: データのブロック）');

const body = z.array(BodyItemSchema).optional().describe('上から順に並ぶ本文とブロック');
const nodeId = Id.optional().describe('ID（新旧対照表で同じ章・節を対応づける）。例: schedule');
const headingTitle = (ja: string) => text(`${ja}の題（目次・しおりにも使う）。{{term:funding}} が使える`);

/** ア — the 4th level (no further nesting). */
const ItemNodeSchema = z.strictObject({ id: nodeId, title: headingTitle('項（ア、イ…）'), body }).describe('項（ア、イ、ウ…）');
/** (1) — the 3rd level. */
const SubsectionSchema = z
  .strictObject({
    id: nodeId,
    title: Text.optional().describe('小節（(1)、(2)…）の題。最初の項目が題を持つブロックなら省略可'),
    body,
    sections: z.array(ItemNodeSchema).optional().describe('項（ア、イ、ウ…）'),
  })
  .describe('小節（(1)、(2)…）');

/**
 * What every include of a shared part (guideline-parts/*.yaml) may change for its call: the
 * title, text added after the part's own body, sections of the part left out, sections added.
 */
const includeFields = {
  include: Id.describe('差し込む共通パーツ（guideline-parts/*.yaml の id）。パーツの本文と節がここに入る'),
  title: Text.optional().describe('この公募での題（省略時はパーツの題）'),
  add: z.array(BodyItemSchema).optional().describe('パーツの本文の後に足す、この公募だけの本文とブロック'),
  omit: z.array(Id).optional().describe('この公募では載せないパーツの節（id）'),
};

/** 1.1 — the 2nd level, included from a shared part: the part's sections become its subsections. */
export const SectionIncludeSchema = z
  .strictObject({ ...includeFields, sections: z.array(SubsectionSchema).optional().describe('パーツの節の後に足す小節') })
  .describe('共通パーツを節として差し込む');

/** 1.1 — the 2nd level. */
export const SectionSchema = z
  .strictObject({
    id: nodeId,
    title: Text.optional().describe('節（1.1、1.2…）の題。最初の項目が題を持つブロック（roster など）なら省略可'),
    body,
    sections: z.array(SubsectionSchema).optional().describe('小節（(1)、(2)…）'),
  })
  .describe('節（1.1、1.2…）');

/** 第1章 — the top level, included from a shared part. */
export const ChapterIncludeSchema = z
  .strictObject({
    ...includeFields,
    sections: z
      .array(z.union([SectionSchema, SectionIncludeSchema]))
      .optional()
      .describe('パーツの節の後に足す節'),
  })
  .describe('共通パーツを章として差し込む');

/** 第1章 — the top level; an appendix (別紙) has the same shape. */
export const ChapterSchema = z
  .strictObject({
    id: nodeId,
    title: headingTitle('章'),
    body,
    sections: z
      .array(z.union([SectionSchema, SectionIncludeSchema]))
      .optional()
      .describe('節（1.1、1.2…）。{include: パーツid} で共通パーツを節として差し込める'),
  })
  .describe('章（第1章、第2章…。番号は順に自動で付く）');

/** How each level is numbered (the data chooses; the defaults are the style of JST's call guidelines). */
export const NUMBERING = {
  chapter: { dai: '第1章', roman: 'Ⅰ.', arabic: '1.' },
  subsection: { paren: '(1)', dotted: '1.1.1' },
  item: { katakana: 'ア', paren: '(1)' },
  figure: { serial: '図1', chapter: '図3-1' },
} as const;

export const NumberingSchema = z
  .strictObject({
    chapter: z.enum(['dai', 'roman', 'arabic']).default('dai').describe('章: dai=第1章、roman=Ⅰ.、arabic=1.'),
    subsection: z.enum(['paren', 'dotted']).default('paren').describe('小節: paren=(1)、dotted=1.1.1'),
    item: z.enum(['katakana', 'paren']).default('katakana').describe('項: katakana=ア、paren=(1)'),
    figure: z.enum(['serial', 'chapter']).default('serial').describe('図: serial=図1、図2…（通し番号）、chapter=図3-1（章ごと）'),
  })
  .describe('見出しの番号の付け方（節は常に 1.1）');

/** A shared part (guideline-parts/<id>.yaml): a chapter-shaped piece of text that several calls' guidelines include by id. */
export const GuidelinePartSchema = z
  .strictObject({
    id: Id.describe('パーツのID（公募要領の include で指す）。例: notices'),
    title: headingTitle('パーツ（章または節）'),
    body,
    sections: z.array(SectionSchema).optional().describe('節（章として差し込むと 1.1…、節として差し込むと小節）'),
  })
  .describe('公募要領の共通パーツ（guideline-parts/*.yaml）: 複数の公募の公募要領が include で差し込む章・節');

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
    numbering: NumberingSchema.optional(),
    tocDepth: z.number().int().min(1).max(3).optional().describe('目次としおりに載せる深さ（1=章、2=節、3=小節。省略時 2）'),
    deadline: Id.optional().describe('表紙に「募集締切」として出す節目（公募スケジュールの milestones の id）。例: call-close'),
    coverNoteRefs: z.array(Id).optional().describe('表紙に出す注記（edition.yaml の notes の id。省略時は titleNoteRefs）'),
    chapters: z
      .array(z.union([ChapterSchema, ChapterIncludeSchema]))
      .min(1)
      .describe('章（上から順。追加・削除・並べ替えができ、番号は自動）。{include: パーツid} で共通パーツを章として差し込める'),
    appendices: z
      .array(z.union([ChapterSchema, ChapterIncludeSchema]))
      .optional()
      .describe('別紙（別紙1、別紙2…。本文の後に置く）。{include: パーツid} で共通パーツを別紙として差し込める'),
  })
  .describe('公募要領の構成と本文（guidelines/*.yaml）');

export type Guideline = z.infer<typeof GuidelineSchema>;
export type GuidelineChapter = z.infer<typeof ChapterSchema>;
export type GuidelineSection = z.infer<typeof SectionSchema>;
export type GuidelineSubsection = z.infer<typeof SubsectionSchema>;
export type GuidelineItemNode = z.infer<typeof ItemNodeSchema>;
export type GuidelinePart = z.infer<typeof GuidelinePartSchema>;
export type GuidelineNumbering = z.infer<typeof NumberingSchema>;
export type BodyItem = z.infer<typeof BodyItemSchema>;
export type FigureItem = z.infer<typeof FigureItemSchema>;
