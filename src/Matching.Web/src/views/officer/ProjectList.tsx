import { useState } from 'preact/hooks';
import { api } from '../../api';
import { reloadSettled, useLive, useLoad } from '../../hooks';
import { statusLabels } from '../../format';
import { navigate } from '../../router';
import { getSession } from '../../session';
import type { Project, ProjectSearchResponse, ProjectStatus } from '../../types';
import { toast } from '../../components/Toasts';

const filters: (ProjectStatus | '')[] = ['', 'draft', 'open', 'contested', 'awarded', 'coBuilt', 'referred', 'withdrawn'];

/** The officer's project list: Chinese full-text search with status facets (GET /api/projects). */
export function ProjectList() {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<ProjectStatus | ''>('');
  const [submitted, setSubmitted] = useState('');
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const mine = getSession()?.user.role === 'officer';
  // An officer sees the projects he posted, drafts included (GET /api/projects/mine), filtered here;
  // a coordinator searches all projects (GET /api/projects, Chinese full text with status facets).
  const result = useLoad(async (signal): Promise<ProjectSearchResponse> => {
    if (mine) {
      const all = await api<Project[]>('/api/projects/mine', { signal });
      const text = submitted.toLowerCase();
      const matching = all.filter(p => !text || [p.title, p.industryName, p.industryText ?? '', p.industryCode].some(v => v.toLowerCase().includes(text)));
      const byStatus: Record<string, number> = {};
      for (const p of matching) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
      const items = matching.filter(p => !status || p.status === status)
        .map(p => ({ id: p.id, title: p.title, industryCode: p.industryCode, industryName: p.industryName, status: p.status, score: 0 }));
      return { total: items.length, items, facets: { status: byStatus, division: {} } };
    }
    const params = new URLSearchParams({ take: '50' });
    if (submitted) params.set('q', submitted);
    if (status) params.set('status', status);
    return api<ProjectSearchResponse>(`/api/projects?${params}`, { signal });
  }, [submitted, status]);

  useLive((event, replayed) => {
    if (!event.projectId) return;
    if (event.type === 'bidPlaced' || event.type === 'projectContested' || event.type === 'decisionMade') {
      setFresh(s => new Set(s).add(event.projectId!));
      if (!replayed) toast(liveText(event.type, event.payload), 'info');
    }
    reloadSettled(result.reload);
  });

  return (
    <section class="page">
      <header class="page-head">
        <h1>{mine ? '我的项目' : '全部项目'}</h1>
        {mine && <button class="primary" onClick={() => navigate('/projects/new')}>＋ 发布新项目</button>}
      </header>
      <form class="toolbar" role="search" onSubmit={e => { e.preventDefault(); setSubmitted(q.trim()); }}>
        <label class="sr-only" for="project-q">搜索项目</label>
        <input id="project-q" type="search" placeholder="按项目名称、行业搜索，如：光伏、新能源汽车" value={q}
          onInput={e => setQ((e.target as HTMLInputElement).value)} />
        <button type="submit">搜索</button>
        <div class="chips" role="group" aria-label="按状态筛选">
          {filters.map(s => (
            <button type="button" key={s || 'all'} class={`chip${status === s ? ' on' : ''}`} aria-pressed={status === s}
              onClick={() => setStatus(s)}>
              {s ? statusLabels[s] : '全部'}
              {s && result.data?.facets.status[s] !== undefined && <span class="count">{result.data.facets.status[s]}</span>}
            </button>
          ))}
        </div>
      </form>
      {result.error && <p class="problem" role="alert">{result.error.message}</p>}
      {result.data && result.data.items.length === 0 && (
        <p class="empty">{mine && !submitted && !status ? '还没有项目。点击“发布新项目”录入第一个项目。' : '没有符合条件的项目。'}</p>
      )}
      <table class="list">
        <thead><tr><th>项目</th><th>行业</th><th>状态</th></tr></thead>
        <tbody>
          {result.data?.items.map(p => (
            <tr key={p.id} class={fresh.has(p.id) ? 'fresh' : ''}>
              <td><a href={`#/projects/${p.id}`}>{p.title}</a>{fresh.has(p.id) && <span class="new-badge">有更新</span>}</td>
              <td><code>{p.industryCode}</code> {p.industryName}</td>
              <td><span class={`status s-${p.status}`}>{statusLabels[p.status]}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.data && <p class="muted">共 {result.data.total} 个项目{result.data.items.length < result.data.total ? `，显示前 ${result.data.items.length} 个` : ''}。</p>}
    </section>
  );
}

export function liveText(type: string, payload: Record<string, unknown>): string {
  const title = (payload.title as string) ?? '';
  switch (type) {
    case 'bidPlaced': return `${payload.countyName ?? payload.county} 对项目表达了意向`;
    case 'bidWithdrawn': return `${payload.countyName ?? payload.county} 撤回了意向`;
    case 'projectContested': return `项目“${title}”出现多县竞争`;
    case 'decisionMade': return `项目“${title}”已作出统筹决定`;
    case 'projectPublished': return `新项目：${title}`;
    case 'projectUpdated': return `项目“${title}”已更新`;
    case 'quotaChanged': return '本县指标已变化';
    default: return type;
  }
}
