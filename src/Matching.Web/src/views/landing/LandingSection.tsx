import { useState } from 'preact/hooks';
import { api, ApiError, download } from '../../api';
import { reloadSoon, useLive, useLoad } from '../../hooks';
import { dateTime, plain } from '../../format';
import { getSession } from '../../session';
import { toast } from '../../components/Toasts';
import { Field, numberOrNull } from '../../components/Field';

/** Stages after a decision, as the API names them. */
type Stage = 'signed' | 'started' | 'fundsArrived' | 'producing' | 'atCapacity';

interface Figures {
  stage: Stage; date: string; contractNumber?: string | null; amount?: number | null; permitNumber?: string | null;
  cumulativeFunds?: number | null; outputValue?: number | null; tax?: number | null; jobs?: number | null;
}
interface Report {
  number: number; figures: Figures; status: 'reported' | 'confirmed' | 'returned'; county: string; reportedBy: string;
  reportedAt: string; reviewedBy?: string | null; reviewedAt?: string | null; reason?: string | null; note?: string | null;
}
interface AttachmentInfo { id: string; fileName: string; contentType: string; length: number }
interface StageView { stage: Stage; label: string; latest: Report | null; statusLabel: string | null; confirmed: Figures | null; attachments: AttachmentInfo[] }
interface Landing {
  projectId: string; status: string; county: string | null; countyName: string | null; stages: StageView[]; reportable: Stage[];
  pending: number[]; clock: { stage: Stage; label: string; due: string; overdue: boolean } | null; overdue: { stage: Stage; due: string } | null;
}

const stageLabels: Record<Stage, string> = { signed: '签约', started: '开工', fundsArrived: '资金到位', producing: '投产', atCapacity: '达产' };

/** What a stage's figures say, in one line. */
function figuresText(f: Figures): string {
  const parts = [f.date];
  if (f.contractNumber) parts.push(`合同号 ${f.contractNumber}`);
  if (f.amount != null) parts.push(`签约 ${f.amount} 万元`);
  if (f.permitNumber) parts.push(`施工许可证 ${f.permitNumber}`);
  if (f.cumulativeFunds != null) parts.push(`累计到位 ${f.cumulativeFunds} 万元`);
  if (f.outputValue != null) parts.push(`年产值 ${f.outputValue} 万元`);
  if (f.tax != null) parts.push(`年税收 ${f.tax} 万元`);
  if (f.jobs != null) parts.push(`就业 ${f.jobs} 人`);
  return parts.join(' · ');
}

/**
 * 落地进度: the stages after a decision. The landing county reports the next stage with an evidence file,
 * a coordinator confirms or returns it, the officer and partners see where it stands. Hidden for projects
 * not yet awarded and for callers who may not see it.
 */
export function LandingSection({ id }: { id: string }) {
  const role = getSession()?.user.role;
  const landing = useLoad(signal => api<Landing>(`/api/projects/${id}/landing`, { signal }).catch(() => null), [id]);
  useLive(event => {
    if (event.projectId === id && (event.type.startsWith('landing') || event.type === 'decisionMade')) reloadSoon(landing.reload);
  });
  const l = landing.data;
  if (!l || !l.county) return null;
  const mine = role === 'county' && getSession()?.user.adcode === l.county;

  return (
    <div class="card landing" data-landing="1">
      <h2>落地进度 <span class="muted small">落地县：{l.countyName}</span></h2>
      {l.overdue && <p class="problem" role="alert" data-overdue={l.overdue.stage}>“{stageLabels[l.overdue.stage]}”已超期（应于 {dateTime(l.overdue.due)} 前报告）。</p>}
      {l.clock && !l.overdue && <p class="hint">下一阶段“{l.clock.label}”应于 {dateTime(l.clock.due)} 前报告。</p>}
      <table class="landing-stages">
        <thead><tr><th>阶段</th><th>状态</th><th>内容</th><th>证明材料</th><th>意见</th></tr></thead>
        <tbody>
          {l.stages.map(s => (
            <tr key={s.stage} data-stage={s.stage} data-stage-status={s.latest?.status ?? 'none'}>
              <td>{s.label}</td>
              <td>{s.statusLabel ?? <span class="muted">未报告</span>}</td>
              <td>{s.latest ? figuresText(s.latest.figures) : ''}</td>
              <td>{s.attachments.map(a => (
                <button key={a.id} type="button" class="link" onClick={() => void download(`/api/attachments/${a.id}`, a.fileName)}>{a.fileName}</button>
              ))}</td>
              <td>{s.latest?.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {role === 'coordinator' && l.stages.filter(s => s.latest?.status === 'reported').map(s => (
        <ReviewForm key={s.latest!.number} id={id} stage={s} onDone={() => void landing.reload()} />
      ))}
      {mine && l.reportable.length > 0 && <ReportForm id={id} reportable={l.reportable} onDone={() => void landing.reload()} />}
    </div>
  );
}

/** Uploads one evidence file for the project (multipart); resolves with its id. */
async function upload(id: string, file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file);
  const response = await fetch(`/api/projects/${id}/attachments`, {
    method: 'POST', body: form, headers: { Authorization: `Bearer ${getSession()!.token}`, Accept: 'application/json' },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, { status: response.status, ...body });
  return (body as { id: string }).id;
}

function ReportForm({ id, reportable, onDone }: { id: string; reportable: Stage[]; onDone: () => void }) {
  const [stage, setStage] = useState<Stage>(reportable[0]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (key: string) => (e: Event) => setValues({ ...values, [key]: (e.target as HTMLInputElement).value });
  const input = (key: string, label: string, unit?: string, type = 'text') => (
    <Field id={`landing-${key}`} label={label} unit={unit} error={errors[key]} required>
      <input id={`landing-${key}`} name={key} type={type} value={values[key] ?? ''} onInput={set(key)} />
    </Field>
  );

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      if (!file) { setErrors({ file: '请选择证明材料（PDF、PNG 或 JPEG，不超过 10 MB）。' }); return; }
      const attachment = await upload(id, file);
      const money = (k: string) => numberOrNull(values[k] ?? '');
      await api(`/api/projects/${id}/landing/reports`, {
        method: 'POST',
        body: {
          stage, date: values.date || null, contractNumber: values.contractNumber, amount: money('amount'), permitNumber: values.permitNumber,
          cumulativeFunds: money('cumulativeFunds'), outputValue: money('outputValue'), tax: money('tax'), jobs: money('jobs'),
          attachmentIds: [attachment], note: values.note,
        },
      });
      toast(`已报告“${stageLabels[stage]}”，等待统筹确认。`, 'success');
      setValues({});
      setFile(null);
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setErrors({ ...err.fieldErrors, form: plain(err.message) });
      else throw err;
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="landing-report" onSubmit={e => void submit(e)} aria-labelledby="landing-report-title">
      <h3 id="landing-report-title">报告落地进度</h3>
      <Field id="landing-stage" label="阶段" error={errors.stage} required>
        <select id="landing-stage" name="stage" value={stage} onChange={e => setStage((e.target as HTMLSelectElement).value as Stage)}>
          {reportable.map(s => <option key={s} value={s}>{stageLabels[s]}</option>)}
        </select>
      </Field>
      {input('date', '日期', undefined, 'date')}
      {stage === 'signed' && <>{input('contractNumber', '合同编号')}{input('amount', '签约金额', '万元', 'number')}</>}
      {stage === 'started' && input('permitNumber', '施工许可证号')}
      {stage === 'fundsArrived' && input('cumulativeFunds', '累计到位资金', '万元', 'number')}
      {stage === 'atCapacity' && <>{input('outputValue', '年产值', '万元', 'number')}{input('tax', '年税收', '万元', 'number')}{input('jobs', '就业人数', '人', 'number')}</>}
      <Field id="landing-file" label="证明材料（PDF、PNG 或 JPEG，不超过 10 MB）" error={errors.file ?? errors['attachmentIds']} required>
        <input id="landing-file" name="file" type="file" accept="application/pdf,image/png,image/jpeg"
          onChange={e => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
      </Field>
      {errors.form && <p class="problem" role="alert">{errors.form}</p>}
      <div class="actions"><button class="primary" type="submit" disabled={busy}>提交报告</button></div>
    </form>
  );
}

function ReviewForm({ id, stage, onDone }: { id: string; stage: StageView; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const report = stage.latest!;

  async function review(confirm: boolean) {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/projects/${id}/landing/reports/${report.number}/${confirm ? 'confirm' : 'return'}`, { method: 'POST', body: { reason } });
      toast(confirm ? `已确认“${stage.label}”。` : `已退回“${stage.label}”。`, 'success');
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setError(err.fieldErrors.reason ?? err.message);
      else throw err;
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="landing-review" data-review={stage.stage}>
      <h3>待确认：{stage.label}（第 {report.number} 号报告）</h3>
      <p>{figuresText(report.figures)}</p>
      <Field id={`landing-reason-${report.number}`} label="意见（退回时必填）" error={error ?? undefined}>
        <textarea id={`landing-reason-${report.number}`} value={reason} onInput={e => setReason((e.target as HTMLTextAreaElement).value)} />
      </Field>
      <div class="actions">
        <button class="primary" type="button" disabled={busy} onClick={() => void review(true)}>确认{stage.label}</button>
        <button type="button" disabled={busy} onClick={() => void review(false)}>退回</button>
      </div>
    </div>
  );
}
