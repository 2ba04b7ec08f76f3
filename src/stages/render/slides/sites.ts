/** Ongoing sites: a tile map of Japan (one tile per prefecture, a marker per site) and the grouped list. */
import type { Edition, Site } from '../../../schema/index.ts';
import { tiles, type Tile } from '../japan.ts';
import { dataPath, type SlideViewFn } from './common.ts';

export interface SitesSlide {
  kind: 'sites';
  heading: string;
  tag: string;
  legendTitle: string;
  source: string;
  legend: Array<{ id: string; label: string; count: number; marker: Marker }>;
  tiles: Array<Tile<{ programme: string; marker: Marker }>>;
  groups: Array<{ label: string; programme: string; marker: Marker; institutions: string[] }>;
  /** What the map shows, for a screen reader (the map is a Figure with this as its /Alt). */
  alt: string;
}

/**
 * A site's marker has a shape as well as a colour, by the programme's place in the legend, so
 * the map reads without telling orange from green (deuteranopia).
 */
export type Marker = 'circle' | 'square' | 'triangle';
const MARKERS: readonly Marker[] = ['circle', 'square', 'triangle'];

function siteGroupLabel(edition: Edition, site: Site): { key: string; label: string } {
  const programme = edition.programmes.programmes.find((p) => p.id === site.programme);
  const abbr = programme?.abbr ?? site.programme;
  if (site.vision) {
    const v = programme?.visions?.find((x) => x.id === site.vision)?.name ?? site.vision;
    return { key: `${site.programme}/${site.vision}`, label: `${abbr} ${v}` };
  }
  const type = programme?.types?.find((t) => t.id === site.type);
  const typeName = type ? (type.mapLabel ?? type.name) : '';
  if (site.field || site.area) {
    const fields = programme?.fields ?? [];
    const area = site.area ? fields.flatMap((f) => f.areas ?? []).find((a) => a.id === site.area)?.mapName : undefined;
    const field = area ?? fields.find((f) => f.id === site.field)?.name ?? '';
    return { key: `${site.programme}/${site.area ?? site.field}/${site.type}`, label: `${abbr} ${field}・${typeName}` };
  }
  return { key: `${site.programme}/${site.type}`, label: `${abbr} ${typeName}` };
}

export const view: SlideViewFn<'sites', SitesSlide> = (e) => {
  const file = e.sites;
  const groups = new Map<string, { label: string; programme: string; institutions: string[] }>();
  for (const site of file.sites) {
    const { key, label } = siteGroupLabel(e, site);
    const g = groups.get(key) ?? { label, programme: site.programme, institutions: [] };
    g.institutions.push(site.institution);
    groups.set(key, g);
  }
  // Group order follows the legend (programme order), then the programme's own order of visions/types.
  const order = file.legend;
  const rank = (key: string): number => {
    const [prog, sub] = key.split('/');
    const p = e.programmes.programmes.find((x) => x.id === prog);
    const subs = [...(p?.visions ?? []), ...(p?.fields ?? []), ...(p?.types ?? [])].map((x) => x.id);
    return order.indexOf(prog ?? '') * 1000 + Math.max(0, subs.indexOf(sub ?? ''));
  };
  const sortedGroups = [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([, g]) => g);
  const source = dataPath(e, 'sites');
  const markerOf = (programme: string): Marker => MARKERS[Math.max(0, file.legend.indexOf(programme)) % MARKERS.length]!;
  const legend = file.legend.map((id) => ({
    id,
    label: e.programmes.programmes.find((p) => p.id === id)?.abbr ?? id,
    count: file.sites.filter((s) => s.programme === id).length,
    marker: markerOf(id),
  }));
  const map = tiles((pref) => file.sites.filter((s) => s.prefecture === pref).map((s) => ({ programme: s.programme, marker: markerOf(s.programme) })));
  const labelOf = (id: string) => legend.find((l) => l.id === id)?.label ?? id;
  // Data words and counts only: 「北海道：COI 1、COI-NEXT 2」 per prefecture that has a site.
  const perPrefecture = map
    .filter((t) => t.sites.length > 0)
    .map((t) => `${t.name}：${[...new Set(t.sites.map((s) => s.programme))].map((id) => `${labelOf(id)} ${t.sites.filter((s) => s.programme === id).length}`).join('、')}`);
  return {
    title: file.heading,
    source,
    ctx: {
      kind: 'sites',
      heading: file.heading,
      tag: file.tag,
      legendTitle: file.legendTitle,
      source,
      legend,
      tiles: map,
      groups: sortedGroups.map((g) => ({ ...g, marker: markerOf(g.programme) })),
      alt: `${file.heading}。${file.legendTitle}：${legend.map((l) => `${l.label}（${l.count}）`).join('、')}。${perPrefecture.join('／')}`,
    },
  };
};
