/**
 * The user's language. Japanese by default (the staff are Japanese); `--lang en`
 * or KYOSO_LANG=en switches every message, including zod's own.
 */
import { z } from 'zod';
import type { Lang, Message } from './values.ts';

let current: Lang = 'ja';

export function setLang(lang: Lang): void {
  current = lang;
  // zod keeps its locale in a global config; keep it in step with ours.
  z.config(lang === 'ja' ? z.locales.ja() : z.locales.en());
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
