import { useState } from 'preact/hooks';
import { apiPage } from '../../api';
import { DataTable, useList, type Column } from '../../components/DataTable';
import { reloadSettled, useLive } from '../../hooks';
import { dateTime, decisionLabels, num, statusLabels, wan } from '../../format';
import { getSession } from '../../session';
import type { Bid, Decision, Project } from '../../types';
import { useCountyNames } from '../../components/CountySelect';
import { toast } from '../../components/Toasts';
import { outcomeText } from './CountyProject';

interface Row { project: Project; bid: Bid | null; decision: Decision | null }

/** My bids and their outcomes: every project this county has bid on (`GET /api/counties/{adcode}/bids`), as a table. */
export function MyBids() {
  const adcode = getSession()!.user.adcode!;
  const countyName = useCountyNames();
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [q, setQ] = useState('');
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const path = `/api/counties/${adcode}/bids`;
  const rows = useList<Row>((query, signal) => apiPage<Row>(`${path}?${query}`, { signal }), { q: text, status },
    { sort: 'updatedAt', order: 'desc' }, path, '我的意向');

  useLive((event, replayed) => {
    if (!event.projectId) return;
    if (event.type === 'decisionMade') {
      setFresh(s => new Set(s).add(event.projectId!));
      if (!replayed) toast(outcomeText(event.payload, adcode, countyName), 'success');
    }
    if (['decisionMade', 'projectUpdated', 'projectPublished'].includes(event.type)) reloadSettled(rows.reload);
  });

  const columns: Column<Row>[] = [
    { key: 'title', label: '项目', sortable: true, cell: r => <><a href={`#/inbox/${r.project.id}`}>{r.project.title}</a>{fresh.has(r.project.id) && <span class="new-badge">新结果</span>}</> },
    { key: 'investment', label: '投资额', sortable: true, numeric: true, cell: r => wan(r.project.investment) },
    { key: 'bidLandMu', label: '本县意向', sortable: true, cell: r => (r.bid
      ? <>供地 {num(r.bid.landMu)} 亩 · 能耗 {num(r.bid.energyTce)} 吨标准煤/年 · {r.bid.deliveryMonths} 个月交地{r.bid.note ? <><br /><span class="small">备注：{r.bid.note}</span></> : null}</>
      : <span class="muted">已撤回</span>) },
    { key: 'placedAt', label: '意向时间', sortable: true, cell: r => (r.bid ? dateTime(r.bid.placedAt) : '—') },
    { key: 'status', label: '项目状态', sortable: true, cell: r => <span class={`status s-${r.project.status}`}>{statusLabels[r.project.status]}</span> },
    { key: 'result', label: '结果', cell: r => <span class="outcome-cell" data-outcome={outcome(r, adcode).kind}>{outcome(r, adcode).text(countyName)}</span> },
  ];

  return (
    <section class="page">
      <header class="page-head"><h1>我的意向与结果</h1></header>
      <form class="toolbar no-print" role="search" onSubmit={e => { e.preventDefault(); setText(q.trim()); }}>
        <label class="sr-only" for="bids-q">搜索</label>
        <input id="bids-q" type="search" placeholder="按项目名称、行业、承诺或备注搜索" value={q} onInput={e => setQ((e.target as HTMLInputElement).value)} />
        <button type="submit">搜索</button>
        <div class="chips" role="group" aria-label="按状态筛选">
          {[{ v: '', l: '全部' }, { v: 'open,contested', l: '等待决定' }, { v: 'awarded,coBuilt,referred,landed', l: '已决定' }, { v: 'withdrawn,expired', l: '已撤回或过期' }].map(f => (
            <button type="button" key={f.l} class={`chip${status === f.v ? ' on' : ''}`} aria-pressed={status === f.v} onClick={() => setStatus(f.v)}>{f.l}</button>
          ))}
        </div>
      </form>
      <DataTable list={rows} columns={columns} caption="我的意向" rowKey={r => r.project.id}
        rowProps={r => ({ class: fresh.has(r.project.id) ? 'fresh' : undefined, 'data-project': r.project.id })}
        empty={text || status ? '没有符合条件的意向。' : '本县尚未表达意向。在收件箱中打开项目即可表达意向。'} />
    </section>
  );
}

function outcome(r: Row, adcode: string): { kind: string; text: (n: (a: string | null | undefined) => string) => string } {
  const d = r.decision?.terms;
  if (!d || r.project.status === 'open' || r.project.status === 'contested') {
    return { kind: 'pending', text: () => (r.project.status === 'contested' ? '多县竞争，等待省级统筹' : '等待中') };
  }
  if (d.kind === 'award') return { kind: d.county === adcode ? 'won' : 'lost', text: n => (d.county === adcode ? '✔ 确定落地本县' : `落地 ${n(d.county)}`) };
  if (d.kind === 'cobuild') {
    const mine = d.shares.find(s => s.county === adcode);
    return { kind: mine ? 'won' : 'lost', text: n => (mine ? `✔ 共建，本县 ${mine.percent}%` : `共建：${d.shares.map(s => `${n(s.county)} ${s.percent}%`).join('，')}`) };
  }
  return { kind: d.kind, text: n => `${decisionLabels[d.kind]}${d.county ? `：${n(d.county)}` : ''}` };
}
