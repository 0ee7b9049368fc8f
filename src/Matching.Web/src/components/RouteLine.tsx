import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { useLive, useLoad, reloadSoon } from '../hooks';
import { getSession } from '../session';
import { toast } from './Toasts';
import { ReasonDialog } from './Dialog';
import type { ContestRoute } from '../types';

/**
 * Who decides a contest and by which rule (由济宁市统筹；超过 10 亿元将上报省级), and for a provincial coordinator
 * the takeover of a contest a prefecture holds: a reason is required and goes into the project's history.
 */
export function RouteLine({ projectId, title, route, onTaken }: { projectId: string; title: string; route: ContestRoute; onTaken: () => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const canTake = getSession()?.user.role === 'coordinator' && route.level === 'prefecture';

  async function takeOver(reason: string) {
    setAsking(false);
    setBusy(true);
    setProblem(undefined);
    try {
      await api<ContestRoute>(`/api/projects/${projectId}/route/takeover`, { method: 'POST', body: { reason } });
      toast(`已由省级接管：${title}`, 'success');
      onTaken();
    } catch (x) {
      setProblem(x instanceof ApiError ? (Object.values(x.fieldErrors)[0] ?? x.problem.detail ?? x.message) : (x as Error).message);
      onTaken();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="route-line" data-route-level={route.level}>
      <p class={`route route-${route.level}`} data-route-rule={route.ruleId}>{route.summary}</p>
      {canTake && (
        <button type="button" class="no-print" data-action="takeover" disabled={busy} onClick={() => setAsking(true)}>
          {busy ? '接管中…' : `省级接管（现由${route.prefectureName ?? '市级'}统筹）`}
        </button>
      )}
      {problem && <p class="problem" role="alert">{problem}</p>}
      {asking && (
        <ReasonDialog open title={`由省级接管“${title}”？`} confirmLabel="确认接管" label="接管理由"
          onCancel={() => setAsking(false)} onConfirm={reason => void takeOver(reason)}>
          <p>接管后由省级统筹协调员作出决定，{route.prefectureName ?? '市级'}统筹协调员不再能决定该竞争。接管理由记入项目历史，并实时通知相关市级统筹协调员。</p>
        </ReasonDialog>
      )}
    </div>
  );
}

/** The route line of a project page: loaded from the host while the project is contested, kept current by live events. */
export function ProjectRoute({ projectId, title, version }: { projectId: string; title: string; version: number }) {
  const route = useLoad(signal => api<ContestRoute | undefined>(`/api/projects/${projectId}/route`, { signal }).catch(() => undefined), [projectId, version]);
  useLive(event => { if (event.projectId === projectId && event.type === 'contestRouted') reloadSoon(route.reload); });
  if (!route.data) return null;
  return <RouteLine projectId={projectId} title={title} route={route.data} onTaken={() => void route.reload()} />;
}
