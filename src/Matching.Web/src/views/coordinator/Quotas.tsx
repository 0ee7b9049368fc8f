import { useEffect, useState } from 'preact/hooks';
import { apiPage } from '../../api';
import { DataTable, useList, type Column } from '../../components/DataTable';
import { reloadSettled, useLive } from '../../hooks';
import { num } from '../../format';
import { byPrefecture, loadCounties } from '../../reference';
import type { QuotaRow } from '../../types';

/**
 * The province's quotas (`GET /api/quotas`): every county's energy (吨标准煤/年) and every park's land
 * (亩), base, reserved by decided projects and available, sorted, filtered and paged by the host.
 */
export function Quotas() {
  const [q, setQ] = useState('');
  const [text, setText] = useState('');
  const [kind, setKind] = useState('');
  const [prefecture, setPrefecture] = useState('');
  const [prefectures, setPrefectures] = useState<{ adcode: string; name: string }[]>([]);
  useEffect(() => { loadCounties().then(c => setPrefectures(byPrefecture(c).map(g => ({ adcode: g.adcode, name: g.name }))), () => undefined); }, []);
  const list = useList<QuotaRow>((query, signal) => apiPage<QuotaRow>(`/api/quotas?${query}`, { signal }), { q: text, kind, prefecture },
    { sort: 'county', order: 'asc' }, '/api/quotas', '指标');
  // An award or co-build reserves quota; a withdrawal or reopening releases it.
  useLive(event => { if (event.type === 'decisionMade' || event.type === 'projectUpdated') reloadSettled(list.reload); });

  const amount = (value: number, row: QuotaRow) => `${num(value)} ${row.unit}`;
  const columns: Column<QuotaRow>[] = [
    { key: 'kind', label: '指标', sortable: true, cell: r => r.kindName },
    { key: 'county', label: '县（市、区）', sortable: true, cell: r => r.countyName },
    { key: 'prefecture', label: '地级市', sortable: true, cell: r => r.prefecture },
    { key: 'park', label: '园区', sortable: true, cell: r => r.parkName ?? '（县级）' },
    { key: 'base', label: '基准', sortable: true, numeric: true, cell: r => amount(r.base, r) },
    { key: 'reserved', label: '已预留', sortable: true, numeric: true, cell: r => amount(r.reserved, r) },
    { key: 'available', label: '可用', sortable: true, numeric: true, cell: r => <span class={r.available <= 0 ? 'warn-text' : undefined}>{amount(r.available, r)}</span> },
    { key: 'projects', label: '占用项目', sortable: true, numeric: true, cell: r => `${r.projects} 个` },
  ];

  return (
    <section class="page">
      <header class="page-head"><h1>全省指标</h1></header>
      <p class="muted small">能耗指标按县（吨标准煤/年），土地指标按园区（亩）；已预留为统筹决定落地或共建的项目占用，可用 = 基准 − 已预留。</p>
      <form class="toolbar no-print" role="search" onSubmit={e => { e.preventDefault(); setText(q.trim()); }}>
        <label class="sr-only" for="quotas-q">搜索</label>
        <input id="quotas-q" type="search" placeholder="按县区、地级市或园区搜索" value={q} onInput={e => setQ((e.target as HTMLInputElement).value)} />
        <button type="submit">搜索</button>
        <label class="sr-only" for="quotas-prefecture">地级市</label>
        <select id="quotas-prefecture" value={prefecture} onChange={e => setPrefecture((e.target as HTMLSelectElement).value)}>
          <option value="">全部地级市</option>
          {prefectures.map(p => <option key={p.adcode} value={p.adcode}>{p.name}</option>)}
        </select>
        <div class="chips" role="group" aria-label="按指标筛选">
          {[{ v: '', l: '全部' }, { v: 'energy', l: '能耗指标' }, { v: 'land', l: '土地指标' }].map(f => (
            <button type="button" key={f.l} class={`chip${kind === f.v ? ' on' : ''}`} aria-pressed={kind === f.v} onClick={() => setKind(f.v)}>{f.l}</button>
          ))}
        </div>
      </form>
      <DataTable list={list} columns={columns} caption="全省指标" rowKey={r => `${r.kind}/${r.county}/${r.parkId ?? ''}`} empty="没有符合条件的指标。" />
    </section>
  );
}
