/**
 * The user's language. Japanese by default (the staff are Japanese); `--lang en`
 * or KYOSO_LANG=en switches every message, including zod's own (schema/zod-locale.ts
 * follows it: zod is not imported here, so a command that parses no data never loads it).
 */
import type { Lang, Message } from './values.ts';

let current: Lang = 'ja';
const followers: Array<(lang: Lang) => void> = [];

export function setLang(lang: Lang): void {
  current = lang;
  for (const f of followers) f(lang);
}

/** Call `f` with the language now and on every change (a library with its own global locale). */
export function onLang(f: (lang: Lang) => void): void {
  followers.push(f);
  f(current);
}

export function getLang(): Lang {
  return current;
}

/** Pick the current language's text. */
export function t(message: Message, lang: Lang = current): string {
  return message[lang];
}

export function parseLang(value: string | undefined): Lang | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (v === 'ja' || v.startsWith('ja_') || v.startsWith('ja-')) return 'ja';
  if (v === 'en' || v.startsWith('en_') || v.startsWith('en-')) return 'en';
  return undefined;
}

setLang(parseLang(process.env.KYOSO_LANG) ?? 'ja');
