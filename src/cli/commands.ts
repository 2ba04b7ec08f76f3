/**
 * The command table: every command's usage and options, and how to load it. Static, so
 * `--help` and a mistyped command load no command module (and nothing heavy); the module
 * of the command that runs is imported on demand.
 */
import type { ParseArgsConfig } from 'node:util';
import { msg } from '../shared/errors.ts';
import type { Message } from '../shared/values.ts';
import type { CommandContext } from './types.ts';

/** What the help of a command may name from the output registry (loaded only for --help). */
export interface HelpFacts {
  kinds: readonly string[];
  groups: readonly string[];
}

export interface CommandSpec {
  /** One entry of --help. */
  usage: Message | ((facts: HelpFacts) => Message);
  /** Options besides the common ones. */
  options?: NonNullable<ParseArgsConfig['options']>;
  load(): Promise<(ctx: CommandContext) => Promise<number>>;
}

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  build: {
    usage: ({ kinds, groups }) =>
      msg(
        `build [版...]               スライドと公募要領を生成\n    --only ${groups.join('|')}\n                              1つのグループだけ生成\n    --formats ${kinds.join(',')}\n                              作る形式（カンマ区切り）\n    --force                   変更がなくても作り直す\n    --allow-overflow          はみ出しを警告に格下げ\n    --final                   確定版として作る（（要確認）などの未確定・status: draft があれば中止）`,
        `build [edition...]          build slides and guidelines\n    --only ${groups.join('|')}\n                              build one group only\n    --formats ${kinds.join(',')}\n                              the formats to make (comma-separated)\n    --force                   rebuild even when nothing changed\n    --allow-overflow          downgrade overflow errors to warnings\n    --final                   build as final: stop on placeholders (（要確認） …) or status: draft`,
      ),
    options: {
      only: { type: 'string' },
      formats: { type: 'string' },
      force: { type: 'boolean' },
      'allow-overflow': { type: 'boolean' },
      final: { type: 'boolean' },
    },
    load: async () => (await import('./commands/build.ts')).run,
  },
  dev: {
    usage: msg(
      'dev                         保存のたびに再生成し、プレビューを http://127.0.0.1:4000/ で表示\n    --port N                  ポート（既定 4000、使用中なら空いているポート）',
      'dev                         rebuild on save and serve a preview on http://127.0.0.1:4000/\n    --port N                  port (default 4000, or a free one when taken)',
    ),
    options: {
      port: { type: 'string' },
      'allow-overflow': { type: 'boolean' },
    },
    load: async () => (await import('./commands/dev.ts')).run,
  },
  diff: {
    usage: msg(
      'diff <旧> <新>               新旧対照表（Markdown と PDF）を output/diff/ に作成\n    版は r3、または git のリビジョン付きで v1.0:r3',
      'diff <old> <new>            the 新旧対照表 (Markdown and PDF) into output/diff/\n    an edition is r3, or one at a git revision: v1.0:r3',
    ),
    load: async () => (await import('./commands/diff.ts')).run,
  },
  'lint-text': {
    usage: msg(
      'lint-text [版...]           文章の確認（公用文・用語・表記ゆれ）。エラーは validate と build も止める',
      'lint-text [edition...]      check the Japanese text (公用文, terms, consistency); errors also fail validate and build',
    ),
    load: async () => (await import('./commands/lint-text.ts')).run,
  },
  'new-edition': {
    usage: msg(
      'new-edition <版> --from <版>  前年度の版から次年度の版を作る（年度+1・日付+1年・案）',
      'new-edition <id> --from <id>  start next fiscal year’s edition from an existing one (year +1, dates +1 year, draft)',
    ),
    options: {
      from: { type: 'string' },
    },
    load: async () => (await import('./commands/new-edition.ts')).run,
  },
  release: {
    usage: msg(
      'release [版...]             リリース用に再現可能な生成 → output/release/<版>/（SHA256SUMS・manifest.json 付き）\n    --allow-dirty             コミットと異なる入力があっても作る（manifest.json に dirty と記録）',
      'release [edition...]        reproducible build → output/release/<edition>/ (with SHA256SUMS, manifest.json)\n    --allow-dirty             release although inputs differ from the commit (recorded as dirty)',
    ),
    options: {
      'allow-dirty': { type: 'boolean' },
    },
    load: async () => (await import('./commands/release.ts')).run,
  },
  schema: {
    usage: msg(
      'schema                      JSON Schema（schema/）と参照ページ（docs/reference/）を書き出す',
      'schema                      write the JSON Schemas (schema/) and the reference pages (docs/reference/)',
    ),
    load: async () => (await import('./commands/schema.ts')).run,
  },
  validate: {
    usage: msg('validate [版...]            データを検証（既定: すべての版）', 'validate [edition...]       validate the data (default: every edition)'),
    load: async () => (await import('./commands/validate.ts')).run,
  },
};
