import type { RegionDto, RegionLevel } from '../../api/models';

/** district → street → community → grid. */
export const CHILD_LEVEL: Record<RegionLevel, RegionLevel | null> = {
  district: 'street',
  street: 'community',
  community: 'grid',
  grid: null,
};

export const PARENT_LEVEL: Record<RegionLevel, RegionLevel | null> = {
  district: null,
  street: 'district',
  community: 'street',
  grid: 'community',
};

export const NAME_MAX = 60;

export interface RegionNode {
  region: RegionDto;
  children: RegionNode[];
}

const byName = (a: RegionDto, b: RegionDto) => a.name.localeCompare(b.name, 'zh-CN');

/**
 * The regions as a tree (siblings by name); retired ones only when asked; with a search, the
 * regions whose name contains it and the regions above them (where they are).
 */
export function regionTree(regions: readonly RegionDto[], showRetired: boolean, q = ''): RegionNode[] {
  const live = regions.filter((r) => showRetired || !r.retiredAt);
  const shown = q
    ? withAncestors(
        live,
        live.filter((r) => r.name.includes(q)),
      )
    : live;
  const ids = new Set(shown.map((r) => r.id));
  const node = (region: RegionDto): RegionNode => ({
    region,
    children: shown
      .filter((r) => r.parentId === region.id)
      .sort(byName)
      .map(node),
  });
  // A region whose parent is not shown would be lost: it is shown at the top instead.
  return shown
    .filter((r) => !r.parentId || !ids.has(r.parentId))
    .sort(byName)
    .map(node);
}

/** The matches and every region above them, in the order of `all`. */
function withAncestors(all: readonly RegionDto[], matches: readonly RegionDto[]): RegionDto[] {
  const byId = new Map(all.map((r) => [r.id, r]));
  const keep = new Set<string>();
  for (const r of matches) {
    for (let at: RegionDto | undefined = r; at && !keep.has(at.id); at = byId.get(at.parentId ?? '')) {
      keep.add(at.id);
    }
  }
  return all.filter((r) => keep.has(r.id));
}

/** The names from the district down to the region: '示范区 / 阳光街道'. */
export function namesPath(regions: readonly RegionDto[], id: string | null): string {
  const names: string[] = [];
  for (let r = regions.find((x) => x.id === id); r; r = regions.find((x) => x.id === r!.parentId))
    names.unshift(r.name);
  return names.join(' / ');
}

/** Where a region may move: a live region of the level above, other than its parent now. */
export function moveTargets(regions: readonly RegionDto[], region: RegionDto): RegionDto[] {
  const level = PARENT_LEVEL[region.level];
  return regions
    .filter((r) => r.level === level && !r.retiredAt && r.id !== region.parentId)
    .sort((a, b) => namesPath(regions, a.id).localeCompare(namesPath(regions, b.id), 'zh-CN'));
}

/** What is wrong with a region name as typed (null when fine): the API's rule, checked before sending. */
export function nameProblem(name: string): 'required' | 'rule' | null {
  const trimmed = name.trim();
  if (!trimmed) return 'required';
  return trimmed.length > NAME_MAX || trimmed.includes('/') ? 'rule' : null;
}
