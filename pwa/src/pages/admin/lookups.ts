/** What the administrator's user forms pick from: the region tree and the units of the area. */
import { listUnits, type UnitRef } from '../../api';
import { flatten, regionTree, type RegionNode } from '../../api/admin';

export interface Lookups {
  units: UnitRef[];
  /** Regions an office user or deputy may be tied to (province, city, county). */
  regions: (RegionNode & { depth: number })[];
  /** Every township, with its county's id, for inspectors. */
  townships: { id: number; name: string; county_id: number | null }[];
}

const AREA_LEVELS = new Set(['province', 'city', 'county']);

/** The townships of the tree, each with the id of the county above it. */
export function townshipsOf(
  nodes: RegionNode[],
  county: number | null = null,
): Lookups['townships'] {
  return nodes.flatMap((n) =>
    n.level === 'township'
      ? [{ id: n.id, name: n.name, county_id: county }]
      : townshipsOf(n.children, n.level === 'county' ? n.id : county),
  );
}

export async function loadLookups(): Promise<Lookups> {
  const [units, tree] = await Promise.all([
    listUnits().catch(() => ({ items: [] })),
    regionTree().catch(() => ({ items: [] as RegionNode[] })),
  ]);
  return {
    units: units.items,
    regions: flatten(tree.items).filter((r) => AREA_LEVELS.has(r.level)),
    townships: townshipsOf(tree.items),
  };
}
