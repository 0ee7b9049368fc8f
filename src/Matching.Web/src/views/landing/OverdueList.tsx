import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { statusLabels } from '../../format';
import type { ProjectStatus } from '../../types';

/** A row of GET /api/landing/overdue/pages. */
interface OverdueRow {
  projectId: string; title: string; status: ProjectStatus; county: string; countyName: string; stage: string; stageLabel: string;
  due: string; flaggedAt: string; daysOverdue: number;
}

interface OverduePage { rows: OverdueRow[]; next: string | null }

/** Rows per page: one keyset read of the index each, whatever the number of overdue projects. */
const PageSize = 50;

/**
 * The overdue list (#/overdue): projects with a landing stage past its time limit, in decision order, read one keyset
 * page at a time (GET /api/landing/overdue/pages) and appended by 加载更多, so a long list costs one bounded read per page.
 * Coordinators see every county; a county sees the projects it takes part in.
 */
export function OverdueList() {
  const [rows, setRows] = useState<OverdueRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = async (after: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api<OverduePage>(`/api/landing/overdue/pages?take=${PageSize}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      // A project read on an earlier page is not read again (keyset order), but keep the list free of repeats regardless.
      setRows(before => [...before, ...page.rows.filter(r => !before.some(b => b.projectId === r.projectId))]);
      setNext(page.next);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => { void load(null); }, []);

  return (
    <section class="page">
      <header class="page-head">
        <div>
          <h1>超期项目</h1>
          <p class="muted">落地阶段超过时限仍未完成的项目，按统筹决定时间排列，每次加载 {PageSize} 个。</p>
        </div>
      </header>
      {error && <p class="error" role="alert">{error}</p>}
      <table class="data" data-overdue-list>
        <caption class="sr-only">超期项目</caption>
        <thead>
          <tr><th>项目</th><th>落地县</th><th>阶段</th><th>状态</th><th>时限</th><th class="numeric">超期天数</th></tr>
        </thead>
        <tbody>
          {rows.map(r => (
            <tr key={r.projectId} data-overdue={r.projectId}>
              <td><a href={`#/projects/${r.projectId}`}>{r.title}</a></td>
              <td>{r.countyName}</td>
              <td>{r.stageLabel}</td>
              <td>{statusLabels[r.status] ?? r.status}</td>
              <td>{r.due.slice(0, 10)}</td>
              <td class="numeric">{r.daysOverdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && rows.length === 0 && !error && <p class="muted">没有超期项目。</p>}
      <p class="muted small" data-overdue-count={rows.length}>已加载 {rows.length} 个{next ? '，还有更多' : ''}</p>
      {next && <button type="button" class="no-print" disabled={loading} onClick={() => void load(next)}>{loading ? '加载中…' : '加载更多'}</button>}
    </section>
  );
}
