import { useState } from 'preact/hooks';
import { api } from '../../api';
import { reloadSettled, reloadSoon, useLive, useLoad } from '../../hooks';
import { dateTime, num, score, sourceLabels, statusLabels, wan } from '../../format';
import { getSession } from '../../session';
import type { County, CountyQuota, InboxItem } from '../../types';
import { toast } from '../../components/Toasts';
import { ScoreBar } from '../../components/Factors';

const SEEN_KEY = 'matching.inbox.seen';

function seen(adcode: string): Set<string> {
  try { return new Set(JSON.parse(localStorage.getItem(`${SEEN_KEY}.${adcode}`) ?? '[]') as string[]); } catch { return new Set(); }
}

export function markSeen(adcode: string, projectId: string): void {
  const s = seen(adcode);
  s.add(projectId);
  localStorage.setItem(`${SEEN_KEY}.${adcode}`, JSON.stringify([...s].slice(-500)));
}

/**
 * The county's inbox: published projects that fit it (GET /api/counties/{adcode}/inbox). A project that
 * arrives live is marked 新 until opened.
 */
export function Inbox() {
  const adcode = getSession()!.user.adcode!;
  const inbox = useLoad(signal => api<InboxItem[]>(`/api/counties/${adcode}/inbox`, { signal }), [adcode]);
  const [arrived, setArrived] = useState<Set<string>>(new Set());
  // Projects announced live, shown from the event until the inbox read includes them (the read may
  // race the inbox update that the same publication causes).
  const [announced, setAnnounced] = useState<InboxItem[]>([]);
  const [seenIds] = useState(() => seen(adcode));

  useLive((event, replayed) => {
    if (event.type === 'projectPublished' && event.projectId) {
      const p = event.payload;
      setArrived(s => new Set(s).add(event.projectId!));
      setAnnounced(list => [...list.filter(i => i.project.id !== event.projectId), {
        project: {
          id: event.projectId!, title: String(p.title ?? ''), industryCode: String(p.industryCode ?? ''), industryName: String(p.industryName ?? ''),
          status: 'open', investment: Number(p.investment ?? 0), landMu: Number(p.landMu ?? 0), highEnergy: Boolean(p.highEnergy),
        },
        score: Number(p.fitScore ?? 0), at: event.at,
      }]);
      if (!replayed) toast(`新项目推送：${event.payload.title}${event.payload.fitScore != null ? `（契合度 ${score(event.payload.fitScore as number)}）` : ''}`, 'success');
    }
    if (event.type === 'projectUpdated' && typeof event.payload.status === 'string') {
      setAnnounced(list => list.map(i => (i.project.id === event.projectId ? { ...i, project: { ...i.project, status: event.payload.status as InboxItem['project']['status'] } } : i)));
    }
    if (['projectPublished', 'projectUpdated', 'decisionMade'].includes(event.type)) reloadSettled(inbox.reload);
  });

  const read = inbox.data ?? [];
  const items = [...read, ...announced.filter(a => !read.some(i => i.project.id === a.project.id))]
    .filter(i => !['withdrawn', 'expired'].includes(i.project.status))
    .sort((a, b) => b.at.localeCompare(a.at));
  const unread = items.filter(i => arrived.has(i.project.id) || !seenIds.has(i.project.id)).length;

  return (
    <section class="page">
      <header class="page-head">
        <h1>项目收件箱 {unread > 0 && <span class="new-badge" data-unread={unread}>{unread} 个未读</span>}</h1>
        <p class="muted">与本县产业契合、已发布的项目；新项目实时推送。</p>
      </header>
      {inbox.error && <p class="problem" role="alert">{inbox.error.message}</p>}
      <div class="split">
      <div class="split-main">
      {inbox.data && items.length === 0 && <p class="empty">暂时没有契合本县的项目。发布新项目时会实时出现在这里。</p>}
      <ul class="inbox">
        {items.map(item => {
          const isNew = arrived.has(item.project.id) || !seenIds.has(item.project.id);
          return (
            <li key={item.project.id} class={`inbox-item${isNew ? ' fresh' : ''}`} data-project={item.project.id} data-new={isNew ? '1' : undefined}>
              <a href={`#/inbox/${item.project.id}`} class="inbox-link">
                {isNew && <span class="new-badge">新</span>}
                <strong>{item.project.title}</strong>
                <span class={`status s-${item.project.status}`}>{statusLabels[item.project.status]}</span>
              </a>
              <div class="inbox-meta">
                <span><code>{item.project.industryCode}</code> {item.project.industryName}</span>
                <span>投资 {wan(item.project.investment)}</span>
                <span>用地 {num(item.project.landMu)} 亩</span>
                {item.project.highEnergy && <span class="tag warn">两高</span>}
                <span class="muted">推送于 {dateTime(item.at)}</span>
              </div>
              <div class="inbox-score"><span class="muted">契合度</span> <ScoreBar value={item.score} /></div>
            </li>
          );
        })}
      </ul>
      </div>
      <CountyCard adcode={adcode} />
      </div>
    </section>
  );
}

/** What the matching knows about this county: featured industries and the quotas still available. */
function CountyCard({ adcode }: { adcode: string }) {
  const county = useLoad(signal => api<County>(`/api/counties/${adcode}`, { signal }), [adcode]);
  const quota = useLoad(signal => api<CountyQuota>(`/api/counties/${adcode}/quota`, { signal }), [adcode]);
  useLive(event => { if (event.type === 'quotaChanged' || event.type === 'decisionMade') reloadSoon(quota.reload); });
  const c = county.data;
  if (!c) return <aside class="split-side" aria-busy="true" />;
  const strongest = [...c.featuredIndustries].sort((a, b) => b.strength - a.strength).slice(0, 6);
  return (
    <aside class="split-side card county-card" aria-label="本县概况">
      <h2>{c.name} <span class="muted small">{c.prefecture.name}</span></h2>
      <p class="small muted">匹配依据以下资料计算；如有变化请在“本县资料”中更新。</p>
      <h3>特色产业</h3>
      <ul class="tags">{strongest.map(f => <li key={f.code} class="tag"><code>{f.code}</code> {f.label}（强度 {f.strength}）</li>)}</ul>
      {c.featuredIndustries.length > strongest.length && <p class="small muted">另有 {c.featuredIndustries.length - strongest.length} 项</p>}
      <h3>可用指标</h3>
      <dl class="facts compact">
        <div><dt>土地指标（{sourceLabels[c.quotas.landMu.source]}）</dt><dd>{num(c.quotas.landMu.value)} 亩</dd></div>
        <div><dt>能耗指标可用</dt><dd>{quota.data ? `${num(quota.data.energyTce.available)} / ${num(quota.data.energyTce.capacity)}` : '…'} 吨标准煤</dd></div>
        <div><dt>园区</dt><dd>{c.parks.length} 个</dd></div>
      </dl>
      <a href="#/profile">编辑本县资料</a>
    </aside>
  );
}
