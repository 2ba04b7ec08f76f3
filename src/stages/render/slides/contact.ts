/** The contact slide: department, e-mail, home page, closing words. */
import type { Contact } from '../../../schema/index.ts';
import { dataPath, type SlideViewFn } from './common.ts';

export interface ContactSlide extends Contact {
  kind: 'contact';
  source: string;
}

export const view: SlideViewFn<'contact', ContactSlide> = (e) => {
  const source = dataPath(e, 'contact');
  return { title: e.contact.heading, source, ctx: { kind: 'contact', ...e.contact, source } };
};
