import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { useLive, useLoad } from '../../hooks';
import { statusLabels } from '../../format';
import { byPrefecture, loadCounties, loadDivisions } from '../../reference';
import type { CountySummary, ProjectStatus } from '../../types';
import { ShandongMap, type MapValue } from '../../components/ShandongMap';

/** A project on the map, as `GET /api/overview` places it. */
interface PlacedProject { id: string; title: string; status: ProjectStatus; industryCode: string; counties: string[] }

interface Placed { project: Pick<PlacedProject, 'id' | 'title' | 'status' | 'industryCode'>; counties: string[] }

/** `GET /api/overview`: exact counts by county and by status, and the most recent projects of each status. */
interface OverviewResponse {
  open: PlacedProject[];
  settled: PlacedProject[];
  totals: Record<string, number>;
  openByCounty: Record<string, number>;
  settledByCounty: Record<string, number>;
}

interface Overview {
  counties: CountySummary[];
  divisions: Record<string, string>;
  open: Placed[];
  settled: Placed[];
  totals: Record<string, number>;
  openByCounty: Record<string, number>;
  settledByCounty: Record<string, number>;
}

/** Most projects of one status the overview lists (the counts cover them all). */
const LISTED_PER_STATUS = 200;

/**
 * Province view: open projects (at their first-contact county) and awards (at the awarded or co-building
 * counties) on the map, and how concentrated each prefecture's featured industries are. The map and the
 * prefecture table draw from the overview's exact counts by county; the lists (the most recent projects of
 * each status) only name projects in a selected county.
 */
async function loadOverview(signal: AbortSignal): Promise<Overview> {
  const [counties, divisions, overview] = await Promise.all([
    loadCounties(), loadDivisions(),
    api<OverviewResponse>('/api/overview', { signal }),
  ]);
  const placed = (p: PlacedProject): Placed => ({ project: p, counties: p.counties });
  return {
    counties, divisions, open: overview.open.map(placed), settled: overview.settled.map(placed), totals: overview.totals,
    openByCounty: overview.openByCounty ?? {}, settledByCounty: overview.settledByCounty ?? {},
  };
}

export function ProvinceView() {
  const overview = useLoad(loadOverview, []);
  const [mode, setMode] = useState<'open' | 'settled'>('open');
  const [selected, setSelected] = useState<string | null>(null);
  // The view reads many projects: coalesce a burst of events into one re-read once the index has them.
  const timer = useRef<number>();
  useEffect(() => () => window.clearTimeout(timer.current), []);
  useLive(event => {
    if (!['projectPublished', 'decisionMade', 'projectContested', 'projectUpdated'].includes(event.type)) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void overview.reload(), 1500);
  });

  const data = overview.data;
  const byCounty = useMemo(() => {
    const map = new Map<string, Placed[]>();
    for (const placed of (mode === 'open' ? data?.open : data?.settled) ?? []) {
      for (const c of placed.counties) map.set(c, [...(map.get(c) ?? []), placed]);
    }
    return map;
  }, [data, mode]);

  const counts = (mode === 'open' ? data?.openByCounty : data?.settledByCounty) ?? {};
  const values = useMemo(() => {
    const map = new Map<string, MapValue>();
    const max = Math.max(1, ...Object.values(counts));
    for (const c of data?.counties ?? []) {
      const n = counts[c.adcode] ?? 0;
      map.set(c.adcode, { intensity: n === 0 ? null : 0.25 + 0.75 * (n / max), label: `${mode === 'open' ? '在谈项目' : '已落定项目'} ${n} 个` });
    }
    return map;
  }, [counts, data]);

  const markers = useMemo(() => new Map(Object.entries(data?.settledByCounty ?? {}).filter(([, n]) => n > 0).map(([c]) => [c, '定'] as [string, string])), [data]);
  const concentration = useMemo(() => (data ? prefectureConcentration(data.counties) : []), [data]);

  if (overview.error) return <section class="page"><p class="problem" role="alert">{overview.error.message}</p></section>;

  return (
    <section class="page">
      <header class="page-head">
        <div>
          <h1>全省概览</h1>
          {data && <p class="muted">已发布 {data.totals.open} · 竞争中 {data.totals.contested} · 已确定落地 {data.totals.awarded} · 共建 {data.totals.coBuilt}</p>}
        </div>
        <div class="chips" role="group" aria-label="地图内容">
          <button class={`chip${mode === 'open' ? ' on' : ''}`} aria-pressed={mode === 'open'} onClick={() => setMode('open')}>在谈项目（按首谈地）</button>
          <button class={`chip${mode === 'settled' ? ' on' : ''}`} aria-pressed={mode === 'settled'} onClick={() => setMode('settled')}>已落定项目（按落地县）</button>
        </div>
      </header>
      <div class="split">
        <div class="split-main">
          {!data && <p aria-busy="true">加载中…</p>}
          {data && <ShandongMap title="全省项目分布" values={values} selected={selected} onSelect={setSelected} markers={markers}
            legend={{ low: '少', high: '多', marker: '有已落定项目' }} />}
          {selected && data && (
            <div class="county-detail" aria-live="polite">
              <h3>{data.counties.find(c => c.adcode === selected)?.name}</h3>
              <p class="muted small">{mode === 'open' ? '在谈项目' : '已落定项目'}共 {counts[selected] ?? 0} 个{(counts[selected] ?? 0) > (byCounty.get(selected)?.length ?? 0) ? `，下列为各状态最近更新的 ${LISTED_PER_STATUS} 个中位于本县区的` : ''}</p>
              <ul>
                {(byCounty.get(selected) ?? []).map(p => <li key={p.project.id}><a href={`#/projects/${p.project.id}`}>{p.project.title}</a> <span class={`status s-${p.project.status}`}>{statusLabels[p.project.status]}</span></li>)}
                {(byCounty.get(selected) ?? []).length === 0 && <li class="muted">{(counts[selected] ?? 0) === 0 ? '无' : '最近更新的项目中没有本县区的'}</li>}
              </ul>
            </div>
          )}
        </div>
        <div class="split-side">
          <h2>各市产业集中度</h2>
          <p class="muted small">各市县区特色产业按 GB/T 大类归并：列出覆盖县区最多的三个大类；四分之三以上县区都有同一大类的标为“同质化”，提示招商时错位发展。右列为该市各县区已落定项目数（共建项目在每个共建县区各计一次），及最近落定项目的大类。</p>
          <table class="list compact concentration">
            <thead><tr><th>地级市</th><th>特色产业首位大类（县区数）</th><th>已落定</th></tr></thead>
            <tbody>
              {concentration.map(r => (
                <tr key={r.adcode} data-prefecture={r.adcode}>
                  <td>{r.name}<div class="muted small">{r.counties} 个县区</div>{r.crowded && <span class="tag warn">同质化</span>}</td>
                  <td>{r.top.map(t => (
                    <div key={t.division} class="share-row">
                      <span class="share" style={{ ['--w' as string]: `${Math.round((t.count / r.counties) * 100)}%` }}>{t.count}/{r.counties}</span>
                      {data?.divisions[t.division] ?? t.division}
                    </div>
                  ))}</td>
                  <td>{settledByPrefecture(data, r.adcode)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

function prefectureConcentration(counties: CountySummary[]) {
  return byPrefecture(counties).map(g => {
    const counts = new Map<string, number>();
    for (const c of g.counties) {
      // A county counts once per division, whatever the level of its featured codes.
      const divisions = new Set(c.featuredIndustries.filter(code => /^\d{2}/.test(code)).map(code => code.slice(0, 2)));
      for (const d of divisions) counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([division, count]) => ({ division, count }));
    return { adcode: g.adcode, name: g.name, counties: g.counties.length, top, crowded: (top[0]?.count ?? 0) >= g.counties.length * 0.75 };
  });
}

/**
 * Awarded and co-built projects in a prefecture's counties, exact (from the counts by county; a co-built
 * project counts in each of its counties), then the GB/T divisions of the most recent ones.
 */
function settledByPrefecture(data: Overview | undefined, prefecture: string): string {
  if (!data) return '';
  const inPrefecture = new Set(data.counties.filter(c => c.prefectureAdcode === prefecture).map(c => c.adcode));
  const total = [...inPrefecture].reduce((sum, c) => sum + (data.settledByCounty[c] ?? 0), 0);
  if (total === 0) return '—';
  const counts = new Map<string, number>();
  for (const s of data.settled) {
    if (!s.counties.some(c => inPrefecture.has(c))) continue;
    const division = s.project.industryCode.slice(0, 2);
    counts.set(division, (counts.get(division) ?? 0) + 1);
  }
  const recent = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([d, n]) => `${data.divisions[d] ?? d} ${n}`).join('；');
  return recent ? `${total} 个（近期：${recent}）` : `${total} 个`;
}
