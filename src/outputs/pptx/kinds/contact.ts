/** Contact: organisation, department, e-mail, the pointer to the home page, and the closing line. */
import { para } from '../canvas.ts';
import type { KindBuilder } from './types.ts';

export const contact: KindBuilder<'contact'> = {
  draw({ canvas, theme, look, view: v, area }) {
    const sel = 'section.contact .contact-block';
    const block = theme.style(sel, look.base);
    const org = theme.style('section.contact .org', block);
    const lead = theme.style('section.contact .lead', block);
    const x = area.x + theme.px(sel, 'margin-left');
    const w = area.x + area.w - x - (theme.has(sel, 'margin-right') ? theme.px(sel, 'margin-right') : 0);
    let y = area.y + theme.px(sel, 'margin-top');
    y += canvas.text({ x, y, w }, [para(v.organization, org), para(`${v.department} ${v.section}`, block), para(`${v.emailLabel} : ${v.email}`, block)], { name: 'Contact' });
    y += theme.px('section.contact .lead', 'margin-top');
    y += canvas.text({ x, y, w }, [para(v.lead, lead), para(`${v.urlLabel}:${v.url}`, block)], { name: 'Home page' });

    const closing = theme.style('section.contact .closing', look.base);
    const h = closing.size * closing.lineHeight;
    const cy = 720 - theme.px('section.contact .closing', 'bottom') - h;
    canvas.text({ x: 0, y: cy, w: 1280, h }, [para(v.closing, closing, { align: 'center' })], { name: 'Closing' });
    canvas.check({ ja: '問い合わせ先', en: 'the contact block' }, y, cy);
  },
};
