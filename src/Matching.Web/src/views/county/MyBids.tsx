import { useState } from 'preact/hooks';
import { api } from '../../api';
import { reloadSettled, useLive, useLoad } from '../../hooks';
import { dateTime, decisionLabels, num, statusLabels } from '../../format';
import { getSession } from '../../session';
import type { Bid, Decision, Project } from '../../types';
import { useCountyNames } from '../../components/CountySelect';
import { toast } from '../../components/Toasts';
import { outcomeText } from './CountyProject';

interface Row { project: Project; bid: Bid | null; decision: Decision | null }

/** My bids and their outcomes: every project this county has bid on (`GET /api/counties/{adcode}/bids`). */
export function MyBids() {
  const adcode = getSession()!.user.adcode!;
  const countyName = useCountyNames();
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const rows = useLoad(signal => api<Row[]>(`/api/counties/${adcode}/bids`, { signal }), [adcode]);

  useLive((event, replayed) => {
    if (!event.projectId) return;
    if (event.type === 'decisionMade') {
      setFresh(s => new Set(s).add(event.projectId!));
      if (!replayed) toast(outcomeText(event.payload, adcode, countyName), 'success');
    }
    if (['decisionMade', 'projectUpdated', 'projectPublished'].includes(event.type)) reloadSettled(rows.reload);
  });

  return (
    <section class="page">
      <header class="page-head"><h1>我的意向与结果</h1></header>
      {rows.error && <p class="problem" role="alert">{rows.error.message}</p>}
      {rows.loading && !rows.data && <p aria-busy="true">加载中…</p>}
      {rows.data && rows.data.length === 0 && <p class="empty">本县尚未表达意向。在收件箱中打开项目即可表达意向。</p>}
      <table class="list">
        <thead><tr><th>项目</th><th>本县意向</th><th>项目状态</th><th>结果</th></tr></thead>
        <tbody>
          {rows.data?.map(r => (
            <tr key={r.project.id} class={fresh.has(r.project.id) ? 'fresh' : ''} data-project={r.project.id}>
              <td><a href={`#/inbox/${r.project.id}`}>{r.project.title}</a>{fresh.has(r.project.id) && <span class="new-badge">新结果</span>}</td>
              <td>{r.bid ? <>供地 {num(r.bid.landMu)} 亩 · {r.bid.deliveryMonths} 个月<br /><span class="muted">{dateTime(r.bid.placedAt)}</span></> : <span class="muted">已撤回</span>}</td>
              <td><span class={`status s-${r.project.status}`}>{statusLabels[r.project.status]}</span></td>
              <td class="outcome-cell" data-outcome={outcome(r, adcode).kind}>{outcome(r, adcode).text(countyName)}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
