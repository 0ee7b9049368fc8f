import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import type { County } from '../types';
import { describedBy, Field, ProblemBox } from './Field';
import { EvidenceItem } from './CountyEvidence';
import { toast } from './Toasts';

const declarable: [string, string][] = [
  ['declared', '其他产业证据（龙头企业、基地、称号等）'], ['listedCompany', '上市公司'], ['featuredCluster', '特色产业集群'],
  ['zoneMainIndustry', '开发区主导产业'], ['chemicalPark', '认定化工园区'],
];

interface RosterResult { enterprises: number; rows: number; county: County }

/**
 * The county's own evidence: declare an item (POST …/evidence) or upload its enterprise roster (POST …/roster,
 * .xlsx or .csv); both stay self-declared until a coordinator verifies them. Lists what it declared with each item's status.
 */
export function EvidenceDeclare({ county, onChange }: { county: County; onChange: (c: County) => void }) {
  const [form, setForm] = useState({ kind: 'declared', statement: '', year: String(new Date().getFullYear()), industries: '', source: '', sourceUrl: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ title?: string; detail?: string; extra?: string[] }>({});
  const [rosterProblem, setRosterProblem] = useState<{ title?: string; detail?: string; extra?: string[] }>({});
  const [busy, setBusy] = useState(false);
  const declared = (county.evidence ?? []).filter(e => e.id);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });

  async function declare(e: Event) {
    e.preventDefault();
    setBusy(true); setErrors({}); setProblem({});
    try {
      const updated = await api<County>(`/api/counties/${county.adcode}/evidence`, {
        method: 'POST',
        body: {
          kind: form.kind, statement: form.statement, year: Number(form.year) || null,
          industries: form.industries.split(/[,，、\s]+/).filter(Boolean), source: form.source, sourceUrl: form.sourceUrl || null,
        },
      });
      onChange(updated);
      setForm({ ...form, statement: '', industries: '', source: '', sourceUrl: '' });
      toast('证据已申报，待省级核实', 'success');
    } catch (x) {
      if (x instanceof ApiError) {
        setErrors(x.fieldErrors);
        setProblem({ title: x.problem.title, detail: x.problem.detail, extra: Object.entries(x.fieldErrors).filter(([f]) => f.startsWith('industries[')).map(([, m]) => m) });
      } else setProblem({ title: '申报失败', detail: (x as Error).message });
    } finally {
      setBusy(false);
    }
  }

  async function upload(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true); setRosterProblem({});
    try {
      const result = await api<RosterResult>(`/api/counties/${county.adcode}/roster?fileName=${encodeURIComponent(file.name)}`, { method: 'POST', file });
      onChange(result.county);
      toast(`名录已导入：${result.enterprises} 家企业，待省级核实`, 'success');
    } catch (x) {
      if (x instanceof ApiError) setRosterProblem({ title: x.problem.title, detail: x.problem.detail, extra: Object.values(x.problem.errors ?? {}).flat().slice(0, 50) });
      else setRosterProblem({ title: '上传失败', detail: (x as Error).message });
    } finally {
      setBusy(false);
      input.value = '';
    }
  }

  return (
    <div class="card declare">
      <h2>本县申报的证据</h2>
      {declared.length > 0
        ? <ul class="declared">{declared.map(e => <EvidenceItem key={e.id!} e={e} />)}</ul>
        : <p class="muted">尚未申报。</p>}
      <form class="form" onSubmit={declare} noValidate aria-label="申报产业证据">
        <h3>申报产业证据</h3>
        <ProblemBox {...problem} />
        <Field id="ev-kind" label="类型">
          <select {...describedBy('ev-kind', errors.kind)} value={form.kind} onChange={set('kind')}>
            {declarable.map(([k, l]) => <option key={k} value={k}>{l}</option>)}
          </select>
        </Field>
        <Field id="ev-statement" label="内容" required error={errors.statement}>
          <input {...describedBy('ev-statement', errors.statement)} value={form.statement} onInput={set('statement')} placeholder="如：龙头企业 XX 汽车零部件有限公司，年产值 12 亿元" />
        </Field>
        <Field id="ev-industries" label="行业代码（GB/T 4754-2017）" required error={errors.industries} hint="多个代码用逗号分隔，如 3670, 3612">
          <input {...describedBy('ev-industries', errors.industries, true)} value={form.industries} onInput={set('industries')} />
        </Field>
        <Field id="ev-year" label="年份" required error={errors.year}>
          <input {...describedBy('ev-year', errors.year)} type="number" value={form.year} onInput={set('year')} />
        </Field>
        <Field id="ev-source" label="来源" required error={errors.source}>
          <input {...describedBy('ev-source', errors.source)} value={form.source} onInput={set('source')} placeholder="如：县工信局 2025 年重点企业名单" />
        </Field>
        <Field id="ev-url" label="来源网址" error={errors.sourceUrl}>
          <input {...describedBy('ev-url', errors.sourceUrl)} value={form.sourceUrl} onInput={set('sourceUrl')} />
        </Field>
        <div class="actions"><button type="submit" disabled={busy}>申报</button></div>
      </form>
      <h3>上传企业名录</h3>
      <p class="muted">.xlsx 或 .csv，第 1 行为表头：企业名称、统一社会信用代码、行业（代码或名称）、年产值（万元）、从业人数。逐行校验，有误则整份不导入；新名录替换旧名录。</p>
      <ProblemBox {...rosterProblem} />
      <label class="file">
        <span>选择名录文件</span>
        <input type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" disabled={busy} onChange={upload} aria-label="上传企业名录" />
      </label>
    </div>
  );
}
