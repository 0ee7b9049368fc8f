import { useEffect, useState } from 'preact/hooks';
import { apiPage } from '../../api';
import { DataTable, useList, type Column } from '../../components/DataTable';
import { ScoreBar } from '../../components/Factors';
import { num, parkLevelLabels } from '../../format';
import { byPrefecture, loadCounties } from '../../reference';
import type { MatchRow } from '../../types';

/**
 * The counties fitting a project as a table the host sorts, filters (text, prefecture) and pages
 * (`GET /api/projects/{id}/matches/rows`), exportable with the same filters; a county's name selects it
 * on the map. Ranks are among every fitting county, whatever the order shown.
 */
export function MatchTable({ projectId, selected, onSelect, reloadKey }: { projectId: string; selected: string | null; onSelect: (county: string) => void; reloadKey: string }) {
  const [q, setQ] = useState('');
  const [text, setText] = useState('');
  const [prefecture, setPrefecture] = useState('');
  const [prefectures, setPrefectures] = useState<{ adcode: string; name: string }[]>([]);
  useEffect(() => { loadCounties().then(c => setPrefectures(byPrefecture(c).map(g => ({ adcode: g.adcode, name: g.name }))), () => undefined); }, []);
  const path = `/api/projects/${projectId}/matches/rows`;
  const list = useList<MatchRow>((query, signal) => apiPage<MatchRow>(`${path}?${query}`, { signal }), { q: text, prefecture },
    { sort: 'rank', order: 'asc', take: 20 }, path, '匹配县区');
  useEffect(() => { if (list.data) void list.reload(); }, [reloadKey]);

  // Five columns: the table sits in the page's side column, and a prefecture or a park's name squeezed
  // into a narrow column of its own would wrap a character per line.
  const columns: Column<MatchRow>[] = [
    { key: 'rank', label: '排名', sortable: true, numeric: true, cell: r => r.rank },
    { key: 'county', label: '县（市、区）', sortable: true, cell: r => <><button type="button" class="link" aria-pressed={r.county === selected} onClick={() => onSelect(r.county)}>{r.countyName}</button><br /><span class="muted small" data-col="prefecture">{r.prefecture}</span></> },
    { key: 'score', label: '契合度（满分 100）', sortable: true, numeric: true, cell: r => <ScoreBar value={r.score} /> },
    { key: 'parkLandMu', label: '推荐园区 · 可用土地', sortable: true, cell: r => (r.park ? <>{r.park.name}（{parkLevelLabels[r.park.level] ?? r.park.level}）<br /><span class="muted small">可用 {num(r.park.availableLandMu)} 亩</span></> : '—') },
    { key: 'bid', label: '意向', sortable: true, cell: r => (r.hasBid ? <span class="tag">已表达</span> : '—') },
  ];

  return (
    <div class="match-table" data-list="matches">
      <form class="toolbar no-print" role="search" onSubmit={e => { e.preventDefault(); setText(q.trim()); }}>
        <label class="sr-only" for="matches-q">搜索匹配县区</label>
        <input id="matches-q" type="search" placeholder="按县区或园区名称搜索" value={q} onInput={e => setQ((e.target as HTMLInputElement).value)} />
        <button type="submit">搜索</button>
        <label class="sr-only" for="matches-prefecture">地级市</label>
        <select id="matches-prefecture" value={prefecture} onChange={e => setPrefecture((e.target as HTMLSelectElement).value)}>
          <option value="">全部地级市</option>
          {prefectures.map(p => <option key={p.adcode} value={p.adcode}>{p.name}</option>)}
        </select>
      </form>
      <DataTable list={list} columns={columns} caption="匹配县区" rowKey={r => r.county}
        rowProps={r => ({ class: r.county === selected ? 'selected' : undefined, 'data-county': r.county })}
        empty="没有符合筛选条件的县区。" />
    </div>
  );
}
