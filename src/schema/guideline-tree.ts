/**
 * A guideline's tree with its shared parts put in: every `{include: id}` of guidelines/<call>.yaml
 * replaced by the part of guideline-parts/<id>.yaml (its title unless the include gives one, its
 * body then the include's `add`, its sections less `omit` then the include's own). Each node and
 * body item keeps where it is written (the guideline or the part, and the data path there), so
 * the cross rules report in the file staff edit, and the view reads the part through the tracked
 * edition (the planner and the 新旧対照表 then know which documents a part is printed in).
 */
import type { PathSegment } from '../shared/datapath.ts';
import type { BodyItem, GuidelinePart } from './guideline.ts';

/** Where a node or an item is written: the guideline file, or the part of that id. */
export interface Origin {
  part: string | undefined;
  path: PathSegment[];
}

export interface TreeNode {
  id: string | undefined;
  title: string | undefined;
  body: { item: BodyItem; at: Origin }[];
  sections: TreeNode[];
  at: Origin;
  /** Where the title is written (an include's is the part's unless the include gives one). */
  titleAt: Origin;
  /** The include this node came from (its id names the part). */
  include?: string;
}

type RawNode = {
  id?: string | undefined;
  include?: string | undefined;
  title?: string | undefined;
  body?: readonly BodyItem[] | undefined;
  add?: readonly BodyItem[] | undefined;
  omit?: readonly string[] | undefined;
  sections?: readonly RawNode[] | undefined;
};

/**
 * One node with its includes resolved. `parts` is looked up by id (the tracked edition's list, in
 * the view); an include of an unknown part comes back as an empty node titled by its id (the
 * cross rule `guideline-includes` reports it).
 */
export function expandNode(parts: readonly GuidelinePart[], raw: RawNode, at: Origin): TreeNode {
  const own = (nodes: readonly RawNode[] | undefined, base: Origin): TreeNode[] =>
    (nodes ?? []).map((n, i) => expandNode(parts, n, { part: base.part, path: [...base.path, 'sections', i] }));
  const items = (list: readonly BodyItem[] | undefined, base: Origin, key: string) =>
    (list ?? []).map((item, i) => ({ item, at: { part: base.part, path: [...base.path, key, i] } }));
  if (raw.include === undefined) {
    return { id: raw.id, title: raw.title, body: items(raw.body, at, 'body'), sections: own(raw.sections, at), at, titleAt: at };
  }
  const part = parts.find((p) => p.id === raw.include);
  const partAt: Origin = { part: raw.include, path: [] };
  const omit = new Set(raw.omit ?? []);
  const partSections = (part?.sections ?? [])
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.id === undefined || !omit.has(s.id))
    .map(({ s, i }) => expandNode(parts, s, { part: raw.include, path: ['sections', i] }));
  return {
    id: raw.include,
    title: raw.title ?? part?.title ?? raw.include,
    body: [...items(part?.body, partAt, 'body'), ...items(raw.add, at, 'add')],
    sections: [...partSections, ...own(raw.sections, at)],
    at,
    titleAt: raw.title === undefined ? partAt : at,
    include: raw.include,
  };
}

/** Every node of a tree, depth first, with its level (the root's level given). */
export function walkTree(root: TreeNode, level: number, visit: (node: TreeNode, level: number) => void): void {
  visit(root, level);
  for (const s of root.sections) walkTree(s, level + 1, visit);
}
