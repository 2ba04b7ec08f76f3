/**
 * Which data a piece of output reads, found by watching it read. A view-model built from a
 * tracked copy of the data records every value it looks at; so the record cannot drift from
 * the code that prints — a new slide or chapter is in it the moment it reads something.
 *
 * The copy is a read-only Proxy tree. Recorded are:
 * - every primitive value read (a leaf): `calls[=kyoso].types[=honkaku].budget.yen`;
 * - every `length` of an array, as `<array>.length` (adding or removing an entry changes
 *   what iterates it);
 * - which entities (`calls[=kyoso]`) or top-level entries (`contact`) a leaf or a length was
 *   read from (`touched`), for file-level users such as the build planner. Looking an entity
 *   up by its identity (`calls.find((c) => c.id === x)`) does not count.
 *
 * A view-model ends with `settle()`: it reads everything it holds (so values only a template
 * would read are recorded now) and returns plain data with no proxies left in it.
 * Array elements that have an identity (`keyOf`) are recorded by it, not by index, so a
 * record survives reordering and can be matched with a data diff.
 *
 */

export type ReadSeg = string | number | { key: string };

export interface ReadSink {
  leaf(path: readonly ReadSeg[]): void;
  length(path: readonly ReadSeg[]): void;
  touch(top: string, path: readonly ReadSeg[]): void;
}

/** `calls[=kyoso].types[0].budget` — a stable string for a path. */
export function pathKey(path: readonly ReadSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'string') out += out === '' ? seg : `.${seg}`;
    else if (typeof seg === 'number') out += `[${seg}]`;
    else out += `[=${seg.key}]`;
  }
  return out;
}

/** Reads of one piece of output, as path keys. */
export class ReadRecord implements ReadSink {
  readonly leaves = new Set<string>();
  readonly lengths = new Set<string>();
  /** Top-level keys touched, with the path of the entity under them when it has one (`calls[=kyoso]`). */
  readonly touched = new Set<string>();

  leaf(path: readonly ReadSeg[]): void {
    this.leaves.add(pathKey(path));
  }
  length(path: readonly ReadSeg[]): void {
    this.lengths.add(pathKey(path));
  }
  touch(_top: string, path: readonly ReadSeg[]): void {
    this.touched.add(pathKey(path));
  }

  /** Everything of `other` is read here too. */
  merge(other: ReadRecord): this {
    for (const x of other.leaves) this.leaves.add(x);
    for (const x of other.lengths) this.lengths.add(x);
    for (const x of other.touched) this.touched.add(x);
    return this;
  }

  /**
   * Does this output print what changed at `changed` (a path key)? Yes when it read the value
   * there or anything inside it, or counted the array the changed entry belongs to.
   */
  reads(changed: string): boolean {
    for (const leaf of this.leaves) if (leaf === changed || isInside(leaf, changed) || isInside(changed, leaf)) return true;
    for (const arr of this.lengths) {
      const array = arr.slice(0, -'.length'.length);
      if (changed === array || isDirectChild(changed, array)) return true;
    }
    return false;
  }
}

/** Is path key `inner` strictly inside `outer`? */
function isInside(inner: string, outer: string): boolean {
  return inner.length > outer.length && inner.startsWith(outer) && (inner[outer.length] === '.' || inner[outer.length] === '[');
}

/** Is `child` exactly one array element below `array` (`types[=x]` under `types`)? */
function isDirectChild(child: string, array: string): boolean {
  if (!child.startsWith(`${array}[`)) return false;
  const rest = child.slice(array.length);
  return /^\[[^\]]*\]$/.test(rest);
}

const TRACKED = Symbol('tracked');

/** The object a tracked proxy stands for (or the value itself). */
export function untracked<T>(value: T): T {
  const target = value && typeof value === 'object' ? (value as { [TRACKED]?: unknown })[TRACKED] : undefined;
  return (target ?? value) as T;
}

/**
 * A read-only view of `root` that records its reads into `sink`. `keyOf` names the identity
 * of an array element (or undefined to record it by index).
 */
export function track<T extends object>(root: T, sink: ReadSink, keyOf: (element: unknown) => string | undefined): T {
  const cache = new WeakMap<object, object>();
  const wrap = (value: unknown, path: readonly ReadSeg[]): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const hit = cache.get(value);
    // One proxy per object and path would be exact; per object is enough (data is a tree).
    if (hit) return hit;
    const proxy = new Proxy(value, {
      get(target, prop, receiver) {
        if (prop === TRACKED) return target;
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof prop === 'symbol') return v;
        if (Array.isArray(target)) {
          if (prop === 'length') {
            sink.length([...path, 'length']);
            touch(path);
            return v;
          }
          const index = Number(prop);
          if (!Number.isInteger(index) || String(index) !== prop) return v; // methods: map, filter, …
          const key = keyOf(v);
          return record(v, [...path, key === undefined ? index : { key }], true);
        }
        if (typeof v === 'function') return v;
        // Looking an entity up by its identity (`calls.find((c) => c.id === x)`) is not reading it.
        const identity = v !== undefined && keyOf(target) === v;
        return record(v, [...path, prop], identity);
      },
      set() {
        throw new TypeError('tracked data is read-only');
      },
      deleteProperty() {
        throw new TypeError('tracked data is read-only');
      },
    });
    cache.set(value, proxy);
    return proxy;
  };
  const touch = (path: readonly ReadSeg[]): void => {
    const top = path[0];
    if (typeof top === 'string') sink.touch(top, path.slice(0, entityDepth(path)));
  };
  /** `quiet`: an array element fetched, or an identity looked at — not yet a read of content. */
  const record = (v: unknown, path: readonly ReadSeg[], quiet = false): unknown => {
    if (v === null || typeof v !== 'object') {
      if (!quiet) {
        sink.leaf(path);
        touch(path);
      }
      return v;
    }
    return wrap(v, path);
  };
  /** `calls[=kyoso]…` → 2 (the entity), `contact.email` → 1. */
  const entityDepth = (path: readonly ReadSeg[]): number => (path.length > 1 && typeof path[1] === 'object' ? 2 : 1);
  return wrap(root, []) as T;
}

/**
 * A plain deep copy of a view-model that may hold tracked values: reading it all records
 * every read now, and no proxy reaches a template. Class instances (Handlebars.SafeString)
 * are kept as they are.
 */
export function settle<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => settle(v)) as T;
  const proto = Object.getPrototypeOf(untracked(value)) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = settle((value as Record<string, unknown>)[k]);
  return out as T;
}
