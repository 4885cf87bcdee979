/** Compiling a contracting process's releases into its record (OCDS merge rules, simplified to what we publish). */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Arrays of objects with ids are merged item by item; any other array is replaced whole. */
const isIdArray = (v: unknown): v is Obj[] =>
  Array.isArray(v) && v.length > 0 && v.every((i) => isObj(i) && 'id' in i);

function merge(target: Obj, source: Obj): Obj {
  for (const [key, val] of Object.entries(source)) {
    const prior = target[key];
    if (isObj(val)) target[key] = merge(isObj(prior) ? prior : {}, val);
    else if (isIdArray(val)) {
      const items: Obj[] = isIdArray(prior) ? prior : [];
      for (const item of val) {
        const at = items.findIndex((i) => i.id === item.id);
        if (at >= 0) items[at] = merge(items[at], item);
        else items.push(merge({}, item));
      }
      target[key] = items;
    } else target[key] = structuredClone(val);
  }
  return target;
}

/** The compiled release: every release merged in order, the latest value of each field winning. */
export function compileReleases(ocid: string, releases: Obj[]): Obj {
  const compiled: Obj = {};
  for (const r of releases) merge(compiled, r);
  return { ...compiled, id: `${ocid}-compiled`, tag: ['compiled'], date: releases.at(-1)?.date ?? null };
}

interface Version {
  releaseID: string;
  releaseDate: string;
  releaseTag: string[];
  value: Json;
}

function mergeVersioned(target: Obj, source: Obj, meta: Omit<Version, 'value'>, top: boolean): void {
  for (const [key, val] of Object.entries(source)) {
    if (top && (key === 'id' || key === 'date' || key === 'tag')) continue;
    if (top && key === 'ocid') {
      target[key] = val;
      continue;
    }
    if (isObj(val)) {
      const child = isObj(target[key]) ? (target[key] as Obj) : {};
      mergeVersioned(child, val, meta, false);
      target[key] = child;
    } else if (isIdArray(val)) {
      const items: Obj[] = isIdArray(target[key]) ? (target[key] as Obj[]) : [];
      for (const item of val) {
        let into = items.find((i) => i.id === item.id);
        if (!into) items.push((into = { id: item.id }));
        const { id: _id, ...rest } = item;
        mergeVersioned(into, rest, meta, false);
      }
      target[key] = items;
    } else {
      const versions = (Array.isArray(target[key]) ? target[key] : []) as unknown as Version[];
      const last = versions.at(-1);
      if (!last || JSON.stringify(last.value) !== JSON.stringify(val)) versions.push({ ...meta, value: val });
      target[key] = versions as unknown as Json;
    }
  }
}

/** The versioned release: each field with the history of its values and the release that set each. */
export function versionReleases(releases: Obj[]): Obj {
  const versioned: Obj = {};
  for (const r of releases) {
    const meta = { releaseID: String(r.id), releaseDate: String(r.date), releaseTag: r.tag as string[] };
    mergeVersioned(versioned, r, meta, true);
  }
  return versioned;
}
