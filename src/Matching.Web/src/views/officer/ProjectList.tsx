import { useState } from 'preact/hooks';
import { api, apiPage } from '../../api';
import { reloadSettled, useLive } from '../../hooks';
import { dateTime, num, statusLabels, wan } from '../../format';
import { useUnread } from '../../unread';
import { DataTable, useList, type Column } from '../../components/DataTable';
import { CountySelect } from '../../components/CountySelect';
import { navigate } from '../../router';
import { getSession } from '../../session';
import type { ProjectRow, ProjectSearchResponse, ProjectStatus } from '../../types';
import { toast } from '../../components/Toasts';

const filters: (ProjectStatus | '')[] = ['', 'draft', 'open', 'contested', 'awarded', 'coBuilt', 'referred', 'withdrawn'];

/**
 * Project tables. An officer sees the projects he posted, drafts included (GET /api/projects/mine); a
 * coordinator searches all projects (GET /api/projects: Chinese full text, status facets). Both are
 * sorted, filtered and paged by the host and export the same rows to Excel.
 */
export function ProjectList() {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<ProjectStatus | ''>('');
  const [county, setCounty] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState('');
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [facets, setFacets] = useState<Record<string, number>>({});
  const unread = useUnread();
  const mine = getSession()?.user.role === 'officer';
  const path = mine ? '/api/projects/mine' : '/api/projects';
  const list = useList<ProjectRow>(async (query, signal) => {
    if (mine) return apiPage<ProjectRow>(`${path}?${query}`, { signal });
    const result = await api<ProjectSearchResponse>(`${path}?${query}`, { signal });
    setFacets(result.facets.status);
    return { items: result.rows, total: result.total };
  }, { q: submitted, status, county: mine ? null : county }, { sort: 'updatedAt', order: 'desc', take: 20 }, path, mine ? '我的项目' : '全部项目');

  useLive((event, replayed) => {
    if (!event.projectId) return;
    if (event.type === 'bidPlaced' || event.type === 'projectContested' || event.type === 'decisionMade') {
      setFresh(s => new Set(s).add(event.projectId!));
      if (!replayed) toast(liveText(event.type, event.payload), 'info');
    }
    reloadSettled(list.reload);
  });

  const columns: Column<ProjectRow>[] = [
    { key: 'title', label: '项目', sortable: true, cell: p => <>
      <a href={`#/projects/${p.id}`}>{p.title}</a>
      {(fresh.has(p.id) || unread.projects.has(p.id)) && <span class="new-badge">有更新</span>}
      {p.highEnergy && <span class="tag warn">两高</span>}
    </> },
    { key: 'industry', label: '行业', sortable: true, cell: p => p.industryName },
    { key: 'status', label: '状态', sortable: true, cell: p => <span class={`status s-${p.status}`}>{statusLabels[p.status]}</span> },
    { key: 'investment', label: '投资额', sortable: true, numeric: true, cell: p => wan(p.investment) },
    { key: 'landMu', label: '用地（亩）', sortable: true, numeric: true, cell: p => num(p.landMu) },
    { key: 'energyTce', label: '能耗（吨标准煤/年）', sortable: true, numeric: true, cell: p => num(p.energyTce) },
    { key: 'firstContact', label: '首谈地', sortable: true, cell: p => p.firstContactCountyName ?? '—' },
    { key: 'hostCounty', label: '落地县', sortable: true, cell: p => p.hostCountyName ?? '—' },
    { key: 'publishedAt', label: '发布时间', sortable: true, cell: p => (p.publishedAt ? dateTime(p.publishedAt) : '未发布') },
    { key: 'updatedAt', label: '最近更新', sortable: true, cell: p => dateTime(p.updatedAt) },
  ];

  return (
    <section class="page">
      <header class="page-head">
        <h1>{mine ? '我的项目' : '全部项目'}</h1>
        {mine && <button class="primary no-print" onClick={() => navigate('/projects/new')}>＋ 发布新项目</button>}
      </header>
      <form class="toolbar no-print" role="search" onSubmit={e => { e.preventDefault(); setSubmitted(q.trim()); }}>
        <label class="sr-only" for="project-q">搜索项目</label>
        <input id="project-q" type="search" placeholder="按项目名称、行业、首谈地搜索，如：光伏、新能源汽车" value={q}
          onInput={e => setQ((e.target as HTMLInputElement).value)} />
        <button type="submit">搜索</button>
        {!mine && <span class="inline-field"><label for="project-county">县区</label>
          <CountySelect id="project-county" value={county} onChange={setCounty} emptyLabel="全部县区" /></span>}
        <div class="chips" role="group" aria-label="按状态筛选">
          {filters.map(s => (
            <button type="button" key={s || 'all'} class={`chip${status === s ? ' on' : ''}`} aria-pressed={status === s} data-status={s || 'all'}
              onClick={() => setStatus(s)}>
              {s ? statusLabels[s] : '全部'}
              {s && facets[s] !== undefined && <span class="count">{facets[s]}</span>}
            </button>
          ))}
        </div>
      </form>
      <DataTable list={list} columns={columns} caption={mine ? '我的项目' : '全部项目'} rowKey={p => p.id}
        rowProps={p => ({ class: fresh.has(p.id) ? 'fresh' : undefined, 'data-project': p.id })}
        empty={mine && !submitted && !status ? '还没有项目。点击“发布新项目”录入第一个项目。' : '没有符合条件的项目。'} />
    </section>
  );
}

export function liveText(type: string, payload: Record<string, unknown>): string {
  const title = (payload.title as string) ?? '';
  switch (type) {
    case 'bidPlaced': return `${payload.countyName ?? '一个县区'} 对项目表达了意向`;
    case 'bidWithdrawn': return `${payload.countyName ?? '一个县区'} 撤回了意向`;
    case 'projectContested': return `项目“${title}”出现多县竞争`;
    case 'decisionMade': return `项目“${title}”已作出统筹决定`;
    case 'projectPublished': return `新项目：${title}`;
    case 'projectUpdated': return `项目“${title}”已更新`;
    case 'quotaChanged': return '本县指标已变化';
    case 'contestRouted': return `项目“${title}”：${payload.summary ?? '统筹层级已变化'}`;
    case 'jointBidProposed': return `${payload.leadName ?? '一个县区'}邀请本县联合招商“${title}”（份额 ${payload.percent ?? '—'}%），请确认或谢绝`;
    case 'jointBidAnswered': return payload.answer === 'declined'
      ? `${payload.countyName ?? '合作县'}谢绝了“${title}”的联合招商：${payload.reason ?? ''}`
      : `${payload.countyName ?? '合作县'}确认了“${title}”的联合招商${payload.counts ? '，联合意向已生效' : ''}`;
    default: return '项目有新动态';
  }
}
