import { useState } from 'preact/hooks';
import { apiPage } from '../../api';
import { DataTable, useList, type Column } from '../../components/DataTable';
import { num } from '../../format';

/** A row of GET /api/parks/holding: a park the catalogue names without a county. */
interface HoldingParkRow {
  id: string; name: string; level: string; levelName: string; type: string; prefecture: string; mainIndustries: string;
  availableLandMu: number; landSelfDeclared: boolean; version: number;
}

/**
 * The holding list (#/holding): the parks with no known county, which matching cannot place, sorted, filtered and paged
 * by the host (GET /api/parks/holding); each opens its park page (#/parks/{id}), where the coordinator sets or verifies its land.
 */
export function HoldingList() {
  const [q, setQ] = useState('');
  const [text, setText] = useState('');
  const list = useList<HoldingParkRow>((query, signal) => apiPage<HoldingParkRow>(`/api/parks/holding?${query}`, { signal }), { q: text },
    { sort: 'prefecture', order: 'asc' }, '/api/parks/holding', '待落位园区');

  const columns: Column<HoldingParkRow>[] = [
    { key: 'name', label: '园区', sortable: true, cell: r => <a href={`#/parks/${encodeURIComponent(r.id)}`} data-park={r.id}>{r.name}</a> },
    { key: 'place', label: '落位', cell: r => <a href={`#/parks/${encodeURIComponent(r.id)}`} data-place={r.id} class="no-print">落位到县区…</a> },
    { key: 'level', label: '级别', sortable: true, cell: r => r.levelName },
    { key: 'type', label: '类型', sortable: true, cell: r => r.type },
    { key: 'prefecture', label: '地级市', sortable: true, cell: r => r.prefecture },
    { key: 'mainIndustries', label: '主导产业', sortable: true, cell: r => r.mainIndustries || '—' },
    {
      key: 'availableLandMu', label: '可用土地', sortable: true, numeric: true,
      cell: r => <>{num(r.availableLandMu)} 亩{r.landSelfDeclared && <span class="tag">待核实</span>}</>,
    },
  ];

  return (
    <section class="page">
      <header class="page-head">
        <div>
          <h1>待落位园区</h1>
          <p class="muted">开发区目录未注明所在县（市、区）的园区：匹配无法把它们计入任何县。打开园区可将其落位到县（市、区），核实或设定其可用土地，并查看审核记录。</p>
        </div>
      </header>
      <form class="toolbar no-print" role="search" onSubmit={e => { e.preventDefault(); setText(q.trim()); }}>
        <label class="sr-only" for="holding-q">搜索</label>
        <input id="holding-q" type="search" placeholder="按园区名称、地级市或主导产业搜索" value={q} onInput={e => setQ((e.target as HTMLInputElement).value)} />
        <button type="submit">搜索</button>
      </form>
      <DataTable list={list} columns={columns} caption="待落位园区" rowKey={r => r.id} rowProps={r => ({ 'data-park': r.id })} empty="没有待落位的园区。" />
    </section>
  );
}
