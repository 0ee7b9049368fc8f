import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, download } from '../api';
import { useLoad } from '../hooks';
import { dateTime, num } from '../format';
import type { County, DecisionKind, ProjectStatus } from '../types';
import { getSession } from '../session';
import { ConfirmDialog } from './Dialog';
import { Field, describedBy, ProblemBox } from './Field';
import { CountySelect } from './CountySelect';
import { PreviewBody, type DecisionPreview } from './DecisionPreview';
import { toast } from './Toasts';

/** GET /api/projects/{id}/outcome. */
interface Outcome {
  decided: boolean; kind: DecisionKind | null; kindName: string | null; isRevision: boolean; status: ProjectStatus; statusName: string;
  county: string | null; countyName: string | null; parkId: string | null; parkName: string | null;
  shares: { county: string; countyName: string; percent: number }[]; years: number | null; reason: string | null;
  decidedBy: string | null; decidedAt: string | null; you: 'chosen' | 'notChosen' | null; message: string | null;
}

/**
 * The outcome banner on a project page, for every role that may see the project: the last decision's
 * winners, shares, park, reason, who and when; a county that bid sees whether it was chosen. A
 * coordinator revises a standing award here (with a reason, after the preview's confirmation).
 */
export function OutcomeBanner({ id, version, bidders, onChanged }: { id: string; version: number; bidders: string[]; onChanged?: () => void }) {
  const outcome = useLoad(signal => api<Outcome>(`/api/projects/${id}/outcome`, { signal }), [id, version]);
  const [revising, setRevising] = useState(false);
  const o = outcome.data;
  if (!o?.decided) return null;
  const role = getSession()?.user.role;
  const canRevise = role === 'coordinator' && (o.status === 'awarded' || o.status === 'coBuilt');
  return (
    <div class={`outcome card ${o.you === 'chosen' ? 'won' : o.you === 'notChosen' ? 'lost' : ''}`} role="status" data-outcome={o.kind} data-you={o.you ?? undefined}>
      <strong>统筹决定{o.isRevision ? '（已修改）' : ''}：{o.kindName}</strong>
      {o.countyName && <span>：{o.kind === 'refer' ? '转介' : '落地'} <span data-outcome-county={o.county}>{o.countyName}</span></span>}
      {o.parkName && <span> · {o.parkName}</span>}
      {o.shares.length > 0 && <span> · 份额 {o.shares.map(s => `${s.countyName} ${s.percent}%`).join('，')}{o.years ? `，${o.years} 年` : ''}</span>}
      {o.message && <p class={o.you === 'notChosen' ? 'warn' : 'ok'} data-you-message>{o.message}</p>}
      <p>理由：{o.reason}</p>
      <p class="muted small">{o.decidedBy} · {o.decidedAt ? dateTime(o.decidedAt) : ''} · <a href={`/api/projects/${id}/decision/letter.pdf`} onClick={e => { e.preventDefault(); void openPdf(id); }}>统筹决定书（PDF）</a></p>
      {canRevise && !revising && <button type="button" onClick={() => setRevising(true)}>修改决定</button>}
      {canRevise && revising && <ReviseForm id={id} version={version} bidders={bidders} current={o.county}
        onCancel={() => setRevising(false)} onDone={() => { setRevising(false); void outcome.reload(); onChanged?.(); }} />}
    </div>
  );
}

async function openPdf(id: string) {
  await download(`/api/projects/${id}/decision/letter.pdf`, `统筹决定书-${id.slice(0, 8)}.pdf`).catch((x: Error) => toast(x.message));
}

/** Revising a standing award to another county and park: the preview is confirmed before anything is written. */
function ReviseForm({ id, version, bidders, current, onCancel, onDone }: {
  id: string; version: number; bidders: string[]; current: string | null; onCancel: () => void; onDone: () => void;
}) {
  const [county, setCounty] = useState<string | null>(bidders.find(b => b !== current) ?? null);
  const [parkId, setParkId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ title?: string; detail?: string }>({});
  const [preview, setPreview] = useState<DecisionPreview | null>(null);
  const parks = useLoad(signal => (county ? api<County>(`/api/counties/${county}`, { signal }).then(c => c.parks) : Promise.resolve([])), [county]);
  useEffect(() => { setParkId(null); }, [county]);
  const body = () => ({ kind: 'award', county, parkId, reason, expectedVersion: version, assignsNonBidder: county != null && !bidders.includes(county) });

  function fail(x: unknown) {
    if (x instanceof ApiError) {
      setErrors(x.fieldErrors);
      setProblem({ title: x.problem.title, detail: x.status === 400 ? '请按标红的提示修改。' : x.problem.detail });
    } else setProblem({ title: '提交失败', detail: (x as Error).message });
  }

  async function ask(e: Event) {
    e.preventDefault();
    setErrors({}); setProblem({});
    try { setPreview(await api<DecisionPreview>(`/api/projects/${id}/decision/preview?revise=true`, { method: 'POST', body: body() })); }
    catch (x) { fail(x); }
  }

  async function commit() {
    setPreview(null);
    try {
      await api(`/api/projects/${id}/decision/revision`, { method: 'POST', body: body() });
      toast('决定已修改', 'success');
      onDone();
    } catch (x) { fail(x); }
  }

  return (
    <form class="decision form" onSubmit={ask} noValidate aria-label="修改统筹决定">
      <h3>修改决定（改为落地另一县）</h3>
      <ProblemBox {...problem} />
      <Field id="revise-county" label="落地县" error={errors.county}>
        <CountySelect id="revise-county" value={county} onChange={setCounty} first={bidders} emptyLabel="请选择" invalid={!!errors.county} />
      </Field>
      <Field id="revise-park" label="落地园区" error={errors.parkId}>
        <select {...describedBy('revise-park', errors.parkId)} value={parkId ?? ''} onChange={e => setParkId((e.target as HTMLSelectElement).value || null)}>
          <option value="">请选择</option>
          {parks.data?.map(p => <option key={p.id} value={p.id}>{p.name}（可用 {num(p.availableLandMu.value)} 亩）</option>)}
        </select>
      </Field>
      <Field id="revise-reason" label="修改理由" required error={errors.reason} wide>
        <textarea {...describedBy('revise-reason', errors.reason)} rows={2} value={reason} onInput={e => setReason((e.target as HTMLTextAreaElement).value)} />
      </Field>
      <div class="actions">
        <button type="submit" class="primary">预览修改</button>
        <button type="button" onClick={onCancel}>取消</button>
      </div>
      <ConfirmDialog open={preview != null} title="确认修改决定？" confirmLabel="确认修改" onCancel={() => setPreview(null)} onConfirm={() => void commit()}>
        {preview && <PreviewBody preview={preview} />}
      </ConfirmDialog>
    </form>
  );
}
