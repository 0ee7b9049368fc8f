import { useState } from 'preact/hooks';
import { api, apiPage } from '../../api';
import { useUnread } from '../../unread';
import { DataTable, useList, type Column } from '../../components/DataTable';
import { reloadSettled, reloadSoon, useLive, useLoad } from '../../hooks';
import { dateTime, num, score, sourceLabels, statusLabels, wan } from '../../format';
import { getSession } from '../../session';
import type { County, CountyQuota, InboxItem } from '../../types';
import { toast } from '../../components/Toasts';
import { ScoreBar } from '../../components/Factors';

const statusFilters: { value: string; label: string }[] = [
  { value: 'open,contested', label: '征集中' },
  { value: 'awarded,coBuilt,referred,landed', label: '已决定' },
  { value: '', label: '全部' },
];

/**
 * The county's inbox: published projects that fit it (GET /api/counties/{adcode}/inbox), as a table
 * sorted, filtered and paged by the host. A project is 新 until this user opens it, on any browser
 * (unread state is kept per user on the host).
 */
export function Inbox() {
  const adcode = getSession()!.user.adcode!;
  const unread = useUnread();
  const [q, setQ] = useState('');
  const [text, setText] = useState('');
  const [status, setStatus] = useState('open,contested');
  const [arrived, setArrived] = useState<Set<string>>(new Set());
  // Projects announced live, shown from the event until the inbox read includes them (the read may
  // race the inbox update that the same publication causes).
  const [announced, setAnnounced] = useState<InboxItem[]>([]);
  const path = `/api/counties/${adcode}/inbox`;
  const list = useList<InboxItem>((query, signal) => apiPage<InboxItem>(`${path}?${query}`, { signal }),
    { q: text, status }, { sort: 'at', order: 'desc' }, path, '收件箱');

  useLive((event, replayed) => {
    if (event.type === 'projectPublished' && event.projectId) {
      const p = event.payload;
      setArrived(s => new Set(s).add(event.projectId!));
      setAnnounced(items => [...items.filter(i => i.project.id !== event.projectId), {
        project: {
          id: event.projectId!, title: String(p.title ?? ''), industryCode: String(p.industryCode ?? ''), industryName: String(p.industryName ?? ''),
          status: 'open', statusName: '公开征集', investment: Number(p.investment ?? 0), landMu: Number(p.landMu ?? 0), energyTce: Number(p.energyTce ?? 0),
          highEnergy: Boolean(p.highEnergy), createdAt: event.at, updatedAt: event.at,
        },
        score: Number(p.fitScore ?? 0), at: event.at,
      }]);
      if (!replayed) toast(`新项目推送：${event.payload.title}${event.payload.fitScore != null ? `（契合度 ${score(event.payload.fitScore as number)}）` : ''}`, 'success');
    }
    if (['projectPublished', 'projectUpdated', 'decisionMade'].includes(event.type)) reloadSettled(list.reload);
  });

  const read = list.data?.items ?? [];
  // Live arrivals join the first page of the unfiltered newest-first view until the host's read has them.
  const merging = list.state.skip === 0 && !text && status.includes('open') && list.state.sort === 'at' && list.state.order === 'desc';
  const items = merging ? [...announced.filter(a => !read.some(i => i.project.id === a.project.id)), ...read] : read;
  const isNew = (id: string) => unread.projects.has(id) || arrived.has(id);

  const columns: Column<InboxItem>[] = [
    { key: 'title', label: '项目', sortable: true, cell: i => <>
      <a href={`#/inbox/${i.project.id}`} class="inbox-link">{i.project.title}</a>
      {isNew(i.project.id) && <span class="new-badge">新</span>}
      {i.project.highEnergy && <span class="tag warn">两高</span>}
    </> },
    { key: 'industry', label: '行业', sortable: true, cell: i => i.project.industryName },
    { key: 'status', label: '状态', sortable: true, cell: i => <span class={`status s-${i.project.status}`}>{statusLabels[i.project.status]}</span> },
    { key: 'score', label: '契合度（满分 100）', sortable: true, numeric: true, cell: i => <ScoreBar value={i.score} /> },
    { key: 'investment', label: '投资额', sortable: true, numeric: true, cell: i => wan(i.project.investment) },
    { key: 'landMu', label: '用地（亩）', sortable: true, numeric: true, cell: i => num(i.project.landMu) },
    { key: 'energyTce', label: '能耗（吨标准煤/年）', sortable: true, numeric: true, cell: i => num(i.project.energyTce) },
    { key: 'firstContact', label: '首谈地', sortable: true, cell: i => i.project.firstContactCountyName ?? '—' },
    { key: 'at', label: '推送时间', sortable: true, cell: i => dateTime(i.at) },
  ];

  return (
    <section class="page">
      <header class="page-head">
        <h1>项目收件箱 {unread.count > 0 && <span class="new-badge" data-unread={unread.count}>{unread.count} 个未读</span>}</h1>
        <p class="muted">与本县产业契合、已发布的项目；新项目实时推送。</p>
      </header>
      <form class="toolbar no-print" role="search" onSubmit={e => { e.preventDefault(); setText(q.trim()); }}>
        <label class="sr-only" for="inbox-q">搜索项目</label>
        <input id="inbox-q" type="search" placeholder="按项目名称、行业、首谈地搜索" value={q} onInput={e => setQ((e.target as HTMLInputElement).value)} />
        <button type="submit">搜索</button>
        <div class="chips" role="group" aria-label="按状态筛选">
          {statusFilters.map(f => (
            <button type="button" key={f.label} class={`chip${status === f.value ? ' on' : ''}`} aria-pressed={status === f.value} onClick={() => setStatus(f.value)}>{f.label}</button>
          ))}
        </div>
      </form>
      <div class="split">
        <div class="split-main">
          <DataTable list={list} columns={columns} rows={items} caption="项目收件箱" rowKey={i => i.project.id}
            rowProps={i => ({ class: `inbox-item${isNew(i.project.id) ? ' fresh' : ''}`, 'data-project': i.project.id, 'data-new': isNew(i.project.id) ? '1' : undefined })}
            empty={text || status !== 'open,contested' ? '没有符合条件的项目。' : '暂时没有契合本县的项目。发布新项目时会实时出现在这里。'} />
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
      <ul class="tags">{strongest.map(f => <li key={f.code} class="tag">{f.label}（强度 {f.strength}/5）</li>)}</ul>
      {c.featuredIndustries.length > strongest.length && <p class="small muted">另有 {c.featuredIndustries.length - strongest.length} 项</p>}
      <h3>可用指标</h3>
      <dl class="facts compact">
        <div><dt>土地指标（{sourceLabels[c.quotas.landMu.source]}）</dt><dd>{num(c.quotas.landMu.value)} 亩</dd></div>
        <div><dt>能耗指标（可用 / 总量）</dt><dd>{quota.data ? `${num(quota.data.energyTce.available)} / ${num(quota.data.energyTce.capacity)}` : '…'} 吨标准煤/年</dd></div>
        <div><dt>园区</dt><dd>{c.parks.length} 个</dd></div>
      </dl>
      <a href="#/profile">编辑本县资料</a>
    </aside>
  );
}
