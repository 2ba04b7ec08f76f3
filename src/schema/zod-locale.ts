/**
 * zod keeps its locale in a global config: keep it in step with the user's language
 * (shared/i18n.ts). Imported for this effect by every module that defines a zod schema
 * to parse with, so zod's own messages are in the right language before anything is parsed.
 */
import { z } from 'zod';
import { onLang } from '../shared/i18n.ts';

onLang((lang) => z.config(lang === 'ja' ? z.locales.ja() : z.locales.en()));
