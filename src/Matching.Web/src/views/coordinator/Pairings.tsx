import { useState } from 'preact/hooks';
import { api, apiPage, ApiError } from '../../api';
import { useLoad } from '../../hooks';
import { dateTime } from '../../format';
import { describedBy, Field, ProblemBox } from '../../components/Field';
import { CountySelect, useCountyNames } from '../../components/CountySelect';
import { ConfirmDialog } from '../../components/Dialog';
import { toast } from '../../components/Toasts';

type PairingKind = 'strongWeak' | 'neighbourGroup';
interface Pairing { id: string; kind: PairingKind; counties: string[]; reason: string; notice: string; editedBy: string; editedAt: string; version: number }
interface PairingVersion {
  pairingId: string; version: number; change: 'added' | 'changed' | 'ended'; kind: PairingKind; counties: string[];
  reason: string; notice: string; by: string; at: string;
}

const kindLabels: Record<PairingKind, string> = { strongWeak: '强弱县结对', neighbourGroup: '相邻县协同' };
const changeLabels: Record<PairingVersion['change'], string> = { added: '建立', changed: '修改', ended: '终止' };
const PageSize = 10;

/**
 * The provincial coordinator's pairing editor (强弱县结对, 相邻县协同): the pairings in force, adding and
 * changing one (counties, reason, notice), ending one with its reason and notice, and every earlier version.
 */
export function Pairings() {
  const pairings = useLoad(signal => api<Pairing[]>('/api/pairings', { signal }), []);
  const [editing, setEditing] = useState<Pairing | 'new' | null>(null);
  const [ending, setEnding] = useState<Pairing | null>(null);
  const [changes, setChanges] = useState(0);
  const countyName = useCountyNames();
  const changed = () => { setEditing(null); setEnding(null); setChanges(c => c + 1); void pairings.reload(); };

  return (
    <section class="page pairings">
      <header class="page-head">
        <div>
          <h1>结对管理 {pairings.data && <span class="count" data-pairings={pairings.data.length}>{pairings.data.length}</span>}</h1>
          <p class="muted">强弱县结对与相邻县协同：用于匹配的均衡因子，并作为联合招商的合作县。每次修改与终止均留存历史版本。</p>
        </div>
        <button class="primary no-print" data-action="add-pairing" onClick={() => setEditing('new')}>新增结对</button>
      </header>
      {editing && <PairingForm pairing={editing === 'new' ? null : editing} onDone={changed} onCancel={() => setEditing(null)} />}
      {pairings.error && <p class="problem" role="alert">{pairings.error.message}</p>}
      {pairings.data && pairings.data.length === 0 && <p class="empty">目前没有结对。</p>}
      {pairings.data && pairings.data.length > 0 && (
        <div class="data-table"><table class="list" aria-label="现行结对">
          <thead><tr><th>类型</th><th>县区</th><th>理由</th><th>依据文件</th><th>最近修改</th><th>版本</th><th><span class="sr-only">操作</span></th></tr></thead>
          <tbody>
            {pairings.data.map(p => (
              <tr key={p.id} data-current={p.id}>
                <td>{kindLabels[p.kind]}</td>
                <td>{p.counties.map(countyName).join(p.kind === 'strongWeak' ? ' → ' : '、')}</td>
                <td>{p.reason}</td>
                <td>{p.notice}</td>
                <td class="small">{p.editedBy} · {dateTime(p.editedAt)}</td>
                <td>第 {p.version} 版</td>
                <td class="actions">
                  <button type="button" class="link" data-action="edit-pairing" onClick={() => setEditing(p)}>修改</button>
                  <button type="button" class="link danger" data-action="end-pairing" onClick={() => setEnding(p)}>终止</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      {ending && <EndDialog pairing={ending} onDone={changed} onCancel={() => setEnding(null)} />}
      <VersionLog changes={changes} />
    </section>
  );
}

function PairingForm({ pairing, onDone, onCancel }: { pairing: Pairing | null; onDone: () => void; onCancel: () => void }) {
  const [kind, setKind] = useState<PairingKind>(pairing?.kind ?? 'strongWeak');
  const [counties, setCounties] = useState<(string | null)[]>(pairing?.counties ?? [null, null]);
  const [reason, setReason] = useState(pairing?.reason ?? '');
  const [notice, setNotice] = useState(pairing?.notice ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ title?: string; detail?: string }>({});
  const [busy, setBusy] = useState(false);
  const shown = kind === 'strongWeak' ? counties.slice(0, 2) : counties;

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem({});
    try {
      const body = { kind, counties: shown.map(c => c ?? ''), reason, notice };
      await api<Pairing>(pairing ? `/api/pairings/${pairing.id}` : '/api/pairings', { method: pairing ? 'PUT' : 'POST', body });
      toast(pairing ? '结对已修改，原版本已留存' : '结对已建立', 'success');
      onDone();
    } catch (x) {
      if (x instanceof ApiError) {
        setErrors(x.fieldErrors);
        setProblem({ title: x.problem.title, detail: x.status === 400 ? '请按标红的提示修改。' : x.problem.detail });
      } else setProblem({ title: '提交失败', detail: (x as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const err = (f: string) => errors[f];
  return (
    <form class="card form pairing-form" noValidate onSubmit={submit} aria-label={pairing ? '修改结对' : '新增结对'}>
      <h2>{pairing ? `修改结对（现为第 ${pairing.version} 版）` : '新增结对'}</h2>
      <ProblemBox {...problem} />
      <Field id="pairing-kind" label="类型" required error={err('kind')}>
        <select {...describedBy('pairing-kind', err('kind'))} value={kind} onChange={e => setKind((e.target as HTMLSelectElement).value as PairingKind)}>
          <option value="strongWeak">强弱县结对（强县在前）</option>
          <option value="neighbourGroup">相邻县协同</option>
        </select>
      </Field>
      {shown.map((c, i) => (
        <Field key={i} id={`pairing-county-${i}`} label={kind === 'strongWeak' ? (i === 0 ? '强县' : '弱县') : `第 ${i + 1} 县`} required error={err(`counties[${i}]`)}>
          <CountySelect id={`pairing-county-${i}`} value={c} emptyLabel="请选择" invalid={!!err(`counties[${i}]`)}
            onChange={v => setCounties(counties.map((x, j) => (j === i ? v : x)))} />
        </Field>
      ))}
      {kind === 'neighbourGroup' && <button type="button" class="link" onClick={() => setCounties([...counties, null])}>＋ 增加县区</button>}
      {err('counties') && <p class="field-error" role="alert">{err('counties')}</p>}
      <Field id="pairing-reason" label="结对理由" required error={err('reason')} wide>
        <textarea {...describedBy('pairing-reason', err('reason'))} rows={2} value={reason} placeholder="如：产业互补、园区共建"
          onInput={e => setReason((e.target as HTMLTextAreaElement).value)} />
      </Field>
      <Field id="pairing-notice" label="依据文件" required error={err('notice')}>
        <input {...describedBy('pairing-notice', err('notice'))} value={notice} placeholder="如：鲁政办字〔2024〕12号"
          onInput={e => setNotice((e.target as HTMLInputElement).value)} />
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{busy ? '保存中…' : '保存'}</button>
        <button type="button" onClick={onCancel}>取消</button>
      </div>
    </form>
  );
}

/** Ending a pairing: why and from which notice, both required (the host says which is missing). */
function EndDialog({ pairing, onDone, onCancel }: { pairing: Pairing; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const countyName = useCountyNames();

  async function end() {
    setErrors({});
    try {
      await api(`/api/pairings/${pairing.id}/end`, { method: 'POST', body: { reason, notice } });
      toast('结对已终止，历史版本已留存', 'success');
      onDone();
    } catch (x) {
      if (x instanceof ApiError) setErrors(Object.keys(x.fieldErrors).length ? x.fieldErrors : { reason: x.problem.detail ?? x.message });
      else throw x;
    }
  }

  return (
    <ConfirmDialog open title={`终止结对：${pairing.counties.map(countyName).join('、')}？`} confirmLabel="确认终止" danger onCancel={onCancel} onConfirm={() => void end()}>
      <p>终止后这些县区不再互为结对县（匹配的均衡因子与联合招商的合作县随之变化）。终止理由与依据文件记入结对历史。</p>
      <Field id="end-reason" label="终止理由" required error={errors.reason} wide>
        <textarea {...describedBy('end-reason', errors.reason)} rows={2} value={reason} onInput={e => setReason((e.target as HTMLTextAreaElement).value)} />
      </Field>
      <Field id="end-notice" label="依据文件" required error={errors.notice}>
        <input {...describedBy('end-notice', errors.notice)} value={notice} onInput={e => setNotice((e.target as HTMLInputElement).value)} />
      </Field>
    </ConfirmDialog>
  );
}

/** Every version of every pairing, newest first, paged by the host. */
function VersionLog({ changes }: { changes: number }) {
  const [skip, setSkip] = useState(0);
  const page = useLoad(signal => apiPage<PairingVersion>(`/api/pairings/versions?skip=${skip}&take=${PageSize}`, { signal }), [skip, changes]);
  const countyName = useCountyNames();
  const items = page.data?.items ?? [];
  return (
    <div class="card pairing-versions">
      <h2>结对历史 {page.data && <span class="count" data-versions={page.data.total}>{page.data.total}</span>}</h2>
      {page.error && <p class="problem" role="alert">{page.error.message}</p>}
      {page.data && items.length === 0 && <p class="empty">还没有结对变更。</p>}
      {items.length > 0 && (
        <div class="data-table"><table class="list" aria-label="结对历史">
          <thead><tr><th>时间</th><th>变更</th><th>类型</th><th>县区</th><th>理由</th><th>依据文件</th><th>操作人</th></tr></thead>
          <tbody>
            {items.map(v => (
              <tr key={`${v.pairingId}/${v.version}`} data-change={v.change} data-pairing={v.pairingId} data-version={v.version}>
                <td class="small">{dateTime(v.at)}</td>
                <td>{changeLabels[v.change]}（第 {v.version} 版）</td>
                <td>{kindLabels[v.kind]}</td>
                <td>{v.counties.map(countyName).join(v.kind === 'strongWeak' ? ' → ' : '、')}</td>
                <td>{v.reason}</td>
                <td>{v.notice}</td>
                <td>{v.by}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      {page.data && page.data.total > PageSize && (
        <nav class="pager no-print" aria-label="翻页">
          <button type="button" disabled={skip === 0} onClick={() => setSkip(Math.max(0, skip - PageSize))}>上一页</button>
          <span>第 {skip + 1}–{skip + items.length} 条，共 {page.data.total} 条</span>
          <button type="button" disabled={skip + PageSize >= page.data.total} onClick={() => setSkip(skip + PageSize)}>下一页</button>
        </nav>
      )}
    </div>
  );
}
