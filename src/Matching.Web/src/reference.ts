import type { Topology, GeometryCollection } from 'topojson-specification';
import { api } from './api';
import type { CountySummary } from './types';

// Reference data read once per page: the 136 counties and the map (built from seeds/reference by
// scripts/build-map.mjs into generated/).

export interface CountyProperties { name: string; city: string; cityName: string }
export type ShandongTopology = Topology<{ counties: GeometryCollection<CountyProperties> }>;

let counties: Promise<CountySummary[]> | null = null;
let topology: Promise<ShandongTopology> | null = null;
let divisions: Promise<Record<string, string>> | null = null;

export function loadCounties(): Promise<CountySummary[]> {
  counties ??= api<CountySummary[]>('/api/counties').catch(e => { counties = null; throw e; });
  return counties;
}

export function loadTopology(): Promise<ShandongTopology> {
  topology ??= fetch('/generated/shandong.topo.json').then(r => {
    if (!r.ok) throw new Error(`地图数据加载失败（HTTP ${r.status}）`);
    return r.json() as Promise<ShandongTopology>;
  }).catch(e => { topology = null; throw e; });
  return topology;
}

export function loadDivisions(): Promise<Record<string, string>> {
  divisions ??= fetch('/generated/industry-divisions.json').then(r => r.json() as Promise<Record<string, string>>)
    .catch(e => { divisions = null; throw e; });
  return divisions;
}

/** Counties grouped by prefecture, in adcode order. */
export function byPrefecture(list: CountySummary[]): { adcode: string; name: string; counties: CountySummary[] }[] {
  const groups = new Map<string, { adcode: string; name: string; counties: CountySummary[] }>();
  for (const c of [...list].sort((a, b) => a.adcode.localeCompare(b.adcode))) {
    const g = groups.get(c.prefectureAdcode) ?? { adcode: c.prefectureAdcode, name: c.prefectureName, counties: [] };
    g.counties.push(c);
    groups.set(c.prefectureAdcode, g);
  }
  return [...groups.values()];
}

/**
 * A county's name as people read it: "济南市 市中区" where two counties share the name, the bare name
 * otherwise.
 */
export function countyLabeller(list: CountySummary[]): (c: CountySummary) => string {
  const seen = new Map<string, number>();
  for (const c of list) seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
  return c => ((seen.get(c.name) ?? 0) > 1 ? `${c.prefectureName} ${c.name}` : c.name);
}
