import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api';
import { reloadSettled, useLive, useLoad } from '../../hooks';
import { num, wan } from '../../format';
import { ShandongMap, type MapValue } from '../../components/ShandongMap';
import { Chart } from '../../components/Chart';

/** A county's or prefecture's figures, as `GET /api/cockpit` gives them. */
interface Area {
  code: string; name: string; prefecture: string; weaker: boolean; projects: number; investment: number;
  landReservedMu: number; landCapacityMu: number; energyReservedTce: number; energyCapacityTce: number;
}
interface Division { division: string; projects: number; investment: number; counties: number; hhi: number; topCounty: string | null; topShare: number }
interface CockpitData {
  from: string | null; to: string | null;
  report: {
    counties: Area[]; prefectures: Area[]; divisions: Division[];
    trend: { month: string; division: string; hhi: number }[];
    weaker: { projects: number; weakerProjects: number; investment: number; weakerInvestment: number; projectShare: number; investmentShare: number };
  };
  divisionNames: Record<string, string>;
  funnel: unknown;
}

type Metric = 'projects' | 'investment' | 'land' | 'energy';
const metricLabels: Record<Metric, string> = { projects: '落定项目数', investment: '落定投资额', land: '用地占用率', energy: '能耗占用率' };

function metricOf(a: Area, m: Metric): number {
  switch (m) {
    case 'projects': return a.projects;
    case 'investment': return a.investment;
    case 'land': return a.landCapacityMu > 0 ? a.landReservedMu / a.landCapacityMu : 0;
    case 'energy': return a.energyCapacityTce > 0 ? a.energyReservedTce / a.energyCapacityTce : 0;
  }
}

function metricText(a: Area, m: Metric): string {
  switch (m) {
    case 'projects': return `${a.projects} 个`;
    case 'investment': return wan(a.investment);
    case 'land': return `${num(a.landReservedMu)} / ${num(a.landCapacityMu)} 亩`;
    case 'energy': return `${num(a.energyReservedTce)} / ${num(a.energyCapacityTce)} 吨标准煤`;
  }
}

/**
 * The coordinator's cockpit: settled projects and investment by prefecture and county in a period,
 * land and energy reserved against quota, concentration (HHI) per GB/T division and its trend, the
 * share going to weaker counties, and the map coloured by a chosen figure. Re-read when a decision is made.
 */
export function Cockpit() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [metric, setMetric] = useState<Metric>('investment');
  const [division, setDivision] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const cockpit = useLoad(signal => {
    const q = new URLSearchParams();
    if (from) q.set('from', from);
    if (to) q.set('to', to);
    return api<CockpitData>(`/api/cockpit${q.size ? `?${q}` : ''}`, { signal });
  }, [from, to]);
  useLive(event => { if (['decisionMade', 'quotaChanged', 'projectUpdated'].includes(event.type)) reloadSettled(cockpit.reload); });

  const data = cockpit.data;
  const values = useMemo(() => {
    const map = new Map<string, MapValue>();
    const counties = data?.report.counties ?? [];
    const max = Math.max(...counties.map(c => metricOf(c, metric)), 0);
    for (const c of counties) {
      const v = metricOf(c, metric);
      map.set(c.code, { intensity: v === 0 || max === 0 ? null : 0.2 + 0.8 * (v / max), label: `${metricLabels[metric]} ${metricText(c, metric)}` });
    }
    return map;
  }, [data, metric]);
  const markers = useMemo(() => new Map((data?.report.counties ?? []).filter(c => c.weaker).map(c => [c.code, '弱'] as [string, string])), [data]);

  const prefectureChart = useMemo(() => {
    const p = data?.report.prefectures ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['投资额（万元）', '项目数'] },
      grid: { left: 60, right: 40, bottom: 60, top: 30 },
      xAxis: { type: 'category', data: p.map(x => x.name), axisLabel: { rotate: 40 } },
      yAxis: [{ type: 'value', name: '万元' }, { type: 'value', name: '个', minInterval: 1 }],
      series: [
        { name: '投资额（万元）', type: 'bar', data: p.map(x => x.investment) },
        { name: '项目数', type: 'line', yAxisIndex: 1, data: p.map(x => x.projects) },
      ],
    };
  }, [data]);

  const followed = division ?? data?.report.divisions[0]?.division ?? null;
  const trendChart = useMemo(() => {
    const points = (data?.report.trend ?? []).filter(t => t.division === followed);
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 20, bottom: 30, top: 20 },
      xAxis: { type: 'category', data: points.map(t => t.month) },
      yAxis: { type: 'value', min: 0, max: 10000, name: 'HHI' },
      series: [{ name: 'HHI', type: 'line', data: points.map(t => t.hhi) }],
    };
  }, [data, followed]);

  if (cockpit.error) return <section class="page"><p class="problem" role="alert">{cockpit.error.message}</p></section>;
  const weaker = data?.report.weaker;
  const totals = data?.report.prefectures.reduce((s, p) => ({
    land: s.land + p.landReservedMu, landCap: s.landCap + p.landCapacityMu, energy: s.energy + p.energyReservedTce, energyCap: s.energyCap + p.energyCapacityTce,
  }), { land: 0, landCap: 0, energy: 0, energyCap: 0 });
  const name = (code: string | null) => data?.report.counties.find(c => c.code === code)?.name ?? code ?? '—';

  return (
    <section class="page cockpit">
      <header class="page-head">
        <div>
          <h1>统筹驾驶舱</h1>
          <p class="muted small">按统筹决定日期统计已落定（确定落地、共建、已签约）项目；共建项目计入牵头县，投资按份额分到各方。用地、能耗为当前预留。</p>
        </div>
        <form class="filters" onSubmit={e => e.preventDefault()} aria-label="统计期">
          <label>起始日期 <input type="date" name="from" value={from} onChange={e => setFrom((e.target as HTMLInputElement).value)} /></label>
          <label>截止日期 <input type="date" name="to" value={to} onChange={e => setTo((e.target as HTMLInputElement).value)} /></label>
        </form>
      </header>
      {!data && <p aria-busy="true">加载中…</p>}
      {data && weaker && totals && (
        <>
          <div class="kpis" role="list" aria-label="主要指标">
            <div class="kpi" role="listitem" data-kpi="projects"><span class="kpi-label">落定项目</span><strong>{num(weaker.projects)}</strong> 个</div>
            <div class="kpi" role="listitem" data-kpi="investment"><span class="kpi-label">落定投资</span><strong>{wan(weaker.investment)}</strong></div>
            <div class="kpi" role="listitem" data-kpi="land"><span class="kpi-label">园区用地预留 / 可用总量</span><strong>{num(totals.land)}</strong> / {num(totals.landCap)} 亩</div>
            <div class="kpi" role="listitem" data-kpi="energy"><span class="kpi-label">能耗预留 / 指标</span><strong>{num(totals.energy)}</strong> / {num(totals.energyCap)} 吨标准煤</div>
            <div class="kpi" role="listitem" data-kpi="weaker"><span class="kpi-label">流向财政直管县、革命老区</span><strong>{weaker.projectShare}%</strong> 项目 · <strong>{weaker.investmentShare}%</strong> 投资</div>
          </div>
          <div class="split">
            <div class="split-main">
              <div class="chips" role="group" aria-label="地图指标">
                {(Object.keys(metricLabels) as Metric[]).map(m => (
                  <button key={m} class={`chip${metric === m ? ' on' : ''}`} aria-pressed={metric === m} onClick={() => setMetric(m)}>{metricLabels[m]}</button>
                ))}
              </div>
              <ShandongMap title={`各县区${metricLabels[metric]}`} values={values} selected={selected} onSelect={setSelected} markers={markers}
                legend={{ low: '低', high: '高', marker: '财政直管县或革命老区' }} />
              {selected && (() => {
                const c = data.report.counties.find(x => x.code === selected);
                return c && (
                  <div class="county-detail" aria-live="polite">
                    <h3>{c.name}</h3>
                    <p>落定项目 {c.projects} 个 · 投资 {wan(c.investment)} · 用地 {metricText(c, 'land')} · 能耗 {metricText(c, 'energy')}</p>
                  </div>
                );
              })()}
              <h2>各市落定项目与投资</h2>
              <Chart label="各市落定投资额与项目数" option={prefectureChart} height={300} />
            </div>
            <div class="split-side">
              <h2>各大类集中度（HHI）</h2>
              <p class="muted small">HHI = Σ（各县所获投资占该大类投资的百分比）²，0–10000；2500 以上为高度集中。点击一行查看其按月累计的变化。</p>
              <table class="list compact" aria-label="各大类集中度">
                <thead><tr><th>大类</th><th>项目</th><th>投资</th><th>HHI</th><th>最大份额</th></tr></thead>
                <tbody>
                  {data.report.divisions.map(d => (
                    <tr key={d.division} data-division={d.division} class={d.division === followed ? 'on' : undefined} onClick={() => setDivision(d.division)}>
                      <td>{d.division} {data.divisionNames[d.division] ?? ''}</td><td>{d.projects}</td><td>{wan(d.investment)}</td>
                      <td>{num(d.hhi)}{d.hhi >= 2500 && <span class="tag warn">高度集中</span>}</td><td>{name(d.topCounty)} {d.topShare}%</td>
                    </tr>
                  ))}
                  {data.report.divisions.length === 0 && <tr><td colSpan={5} class="muted">统计期内没有落定项目</td></tr>}
                </tbody>
              </table>
              {followed && <><h3>{followed} {data.divisionNames[followed] ?? ''} 集中度趋势</h3><Chart label="集中度趋势" option={trendChart} height={220} /></>}
              <h2>落地漏斗</h2>
              <p class="muted small" data-funnel="pending">签约、开工、资金到位、投产的漏斗待落地阶段功能合并后显示。</p>
            </div>
          </div>
          <h2>各县区明细</h2>
          <table class="list compact" aria-label="各县区明细">
            <thead><tr><th>县区</th><th>项目</th><th>投资</th><th>用地预留 / 可用（亩）</th><th>能耗预留 / 指标（吨标准煤）</th></tr></thead>
            <tbody>
              {data.report.counties.filter(c => c.projects > 0 || c.landReservedMu > 0 || c.energyReservedTce > 0).map(c => (
                <tr key={c.code} data-county={c.code}>
                  <td>{c.name}{c.weaker && <span class="tag">直管/老区</span>}</td><td>{c.projects}</td><td>{wan(c.investment)}</td>
                  <td>{num(c.landReservedMu)} / {num(c.landCapacityMu)}</td><td>{num(c.energyReservedTce)} / {num(c.energyCapacityTce)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
