import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { chainLabels, investorKindLabels } from '../../format';
import { navigate } from '../../router';
import type { ChainPosition, InvestorKind, Project, ProjectInput } from '../../types';
import { describedBy, Field, numberOrNull, ProblemBox } from '../../components/Field';
import { IndustryPicker, type IndustryValue } from '../../components/IndustryPicker';
import { CountySelect } from '../../components/CountySelect';
import { toast } from '../../components/Toasts';

const empty: ProjectInput = {
  title: '', description: '', industryCode: '', industryText: '', chainPosition: null,
  investment: null, landMu: null, energyTce: null, jobs: null, expectedTax: null,
  highEnergy: false, firstLandingInShandong: false,
  investor: { name: '', creditCode: '', kind: 'private', contactPerson: '', contactPhone: '' }, firstContactCounty: null, deadline: null,
  outputValue: null, constructionMonths: null,
};

function fromProject(p: Project): ProjectInput {
  return {
    title: p.title, description: p.description, industryCode: p.industryCode, industryText: p.industryText ?? '',
    chainPosition: p.chainPosition ?? null, investment: p.investment, landMu: p.landMu, energyTce: p.energyTce,
    jobs: p.jobs, expectedTax: p.expectedTax, highEnergy: p.highEnergy, firstLandingInShandong: p.firstLandingInShandong,
    investor: {
      name: p.investor?.name ?? '', creditCode: p.investor?.creditCode ?? '', kind: p.investor?.kind ?? 'private',
      contactPerson: p.investor?.contactPerson ?? '', contactPhone: p.investor?.contactPhone ?? '',
    },
    firstContactCounty: p.firstContactCounty ?? null, deadline: p.deadline ?? null,
    outputValue: p.outputValue ?? null, constructionMonths: p.constructionMonths ?? null,
  };
}

/** Post (POST /api/projects) or edit (PUT with If-Match) a project; "保存并发布" publishes right after. */
export function ProjectForm({ id }: { id?: string }) {
  const [form, setForm] = useState<ProjectInput>(empty);
  const [industry, setIndustry] = useState<IndustryValue | null>(null);
  const [version, setVersion] = useState<number>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ title?: string; detail?: string; extra?: string[] }>({});
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string>();

  useEffect(() => {
    if (!id) return;
    api<Project>(`/api/projects/${id}`).then(p => {
      setForm(fromProject(p));
      setIndustry({ code: p.industryCode, name: p.industryName });
      setVersion(p.version);
    }, e => setLoadError((e as Error).message));
  }, [id]);

  const set = <K extends keyof ProjectInput>(key: K, value: ProjectInput[K]) => setForm(f => ({ ...f, [key]: value }));
  const setInvestor = (key: keyof ProjectInput['investor'], value: string | null) =>
    setForm(f => ({ ...f, investor: { ...f.investor, [key]: value } }));
  const err = (field: string) => errors[field];

  async function save(publish: boolean) {
    setBusy(true);
    setErrors({});
    setProblem({});
    const body = {
      ...form,
      industryCode: industry?.code ?? '',
      industryText: form.industryText?.trim() || null,
      investor: {
        ...form.investor, creditCode: form.investor.creditCode?.trim() || null,
        contactPerson: form.investor.contactPerson?.trim() || null, contactPhone: form.investor.contactPhone?.trim() || null,
      },
      deadline: form.deadline || null,
    };
    try {
      let project = id
        ? await api<Project>(`/api/projects/${id}`, { method: 'PUT', body, ifMatch: version })
        : await api<Project>('/api/projects', { method: 'POST', body });
      if (publish && project.status === 'draft') {
        project = await api<Project>(`/api/projects/${project.id}/publish`, { method: 'POST', ifMatch: project.version });
        toast(`已发布：${project.title}，正在向匹配县区推送`, 'success');
      } else {
        toast(id ? '项目已保存' : '草稿已保存', 'success');
      }
      navigate(`/projects/${project.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        const fields = e.fieldErrors;
        setErrors(fields);
        const known = new Set(['title', 'description', 'industryCode', 'industryText', 'investment', 'landMu', 'energyTce', 'jobs',
          'expectedTax', 'investor', 'investor.name', 'investor.creditCode', 'investor.kind', 'investor.contactPerson', 'investor.contactPhone', 'firstContactCounty', 'deadline', 'chainPosition',
          'outputValue', 'constructionMonths']);
        const extra = Object.entries(fields).filter(([f]) => !known.has(f)).map(([f, m]) => `${f}：${m}`);
        setProblem({
          title: e.status === 412 ? '项目已被他人修改' : e.problem.title,
          detail: e.status === 412 ? '你编辑的是旧版本。请重新打开项目查看最新内容后再修改。' : e.status === 400 ? '请按标红的提示修改后再提交。' : e.problem.detail,
          extra,
        });
        // Move focus to the first field in error, for keyboard and screen-reader users.
        window.setTimeout(() => (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus(), 0);
      } else {
        setProblem({ title: '提交失败', detail: (e as Error).message });
      }
    } finally {
      setBusy(false);
    }
  }

  if (loadError) return <section class="page"><p class="problem" role="alert">{loadError}</p></section>;

  return (
    <section class="page">
      <header class="page-head">
        <h1>{id ? '编辑项目' : '发布新项目'}</h1>
        <a href={id ? `#/projects/${id}` : '#/projects'}>返回</a>
      </header>
      <form class="form card" onSubmit={e => { e.preventDefault(); void save(false); }} noValidate>
        <ProblemBox {...problem} />
        <fieldset>
          <legend>项目概况（公开）</legend>
          <Field id="p-title" label="项目名称" required error={err('title')} wide>
            <input {...describedBy('p-title', err('title'))} value={form.title} maxLength={200}
              onInput={e => set('title', (e.target as HTMLInputElement).value)} />
          </Field>
          <Field id="p-industry" label="行业（GB/T 4754-2017 小类）" required error={err('industryCode')} wide
            hint="输入中文说法即可，例如“光伏”“锂电池”“新能源汽车”，选择到 4 位小类。">
            <IndustryPicker id="p-industry" value={industry} invalid={!!err('industryCode')}
              describedBy={err('industryCode') ? 'p-industry-error' : 'p-industry-hint'}
              onChange={(v, phrase) => { setIndustry(v); if (!form.industryText && phrase) set('industryText', phrase); }} />
          </Field>
          <Field id="p-industryText" label="行业说明（原文）" error={err('industryText')}>
            <input {...describedBy('p-industryText', err('industryText'))} value={form.industryText ?? ''}
              onInput={e => set('industryText', (e.target as HTMLInputElement).value)} />
          </Field>
          <Field id="p-chain" label="产业链位置" error={err('chainPosition')}>
            <select {...describedBy('p-chain', err('chainPosition'))} value={form.chainPosition ?? ''}
              onChange={e => set('chainPosition', ((e.target as HTMLSelectElement).value || null) as ChainPosition | null)}>
              <option value="">（未知）</option>
              {(Object.keys(chainLabels) as ChainPosition[]).map(k => <option key={k} value={k}>{chainLabels[k]}</option>)}
            </select>
          </Field>
          <Field id="p-description" label="项目简介" error={err('description')} wide>
            <textarea {...describedBy('p-description', err('description'))} rows={3} value={form.description}
              onInput={e => set('description', (e.target as HTMLTextAreaElement).value)} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>规模与要素需求</legend>
          <NumberField id="p-investment" label="总投资" unit="万元" required value={form.investment} error={err('investment')} onChange={v => set('investment', v)} />
          <NumberField id="p-landMu" label="用地需求" unit="亩" required value={form.landMu} error={err('landMu')} onChange={v => set('landMu', v)} />
          <NumberField id="p-energyTce" label="年综合能耗" unit="吨标准煤" required value={form.energyTce} error={err('energyTce')} onChange={v => set('energyTce', v)} />
          <NumberField id="p-jobs" label="新增就业" unit="人" required value={form.jobs} error={err('jobs')} onChange={v => set('jobs', v)} step="1" />
          <NumberField id="p-expectedTax" label="预计年税收" unit="万元" required value={form.expectedTax} error={err('expectedTax')} onChange={v => set('expectedTax', v)} />
          <NumberField id="p-outputValue" label="预计年产值" unit="万元" value={form.outputValue ?? null} error={err('outputValue')} onChange={v => set('outputValue', v)} />
          <NumberField id="p-constructionMonths" label="建设周期" unit="个月" value={form.constructionMonths ?? null} error={err('constructionMonths')} onChange={v => set('constructionMonths', v)} step="1" />
          <div class="field checks">
            <label><input type="checkbox" checked={form.highEnergy} onChange={e => set('highEnergy', (e.target as HTMLInputElement).checked)} /> “两高”项目（高耗能、高排放）</label>
            <label><input type="checkbox" checked={form.firstLandingInShandong} onChange={e => set('firstLandingInShandong', (e.target as HTMLInputElement).checked)} /> 首次落户山东</label>
          </div>
        </fieldset>
        <fieldset>
          <legend>投资方（保密：县区表达意向后才可见）</legend>
          <Field id="p-investor-name" label="企业名称" required error={err('investor.name') ?? err('investor')}>
            <input {...describedBy('p-investor-name', err('investor.name') ?? err('investor'))} value={form.investor.name}
              onInput={e => setInvestor('name', (e.target as HTMLInputElement).value)} />
          </Field>
          <Field id="p-investor-credit" label="统一社会信用代码" error={err('investor.creditCode')} hint="18 位，可不填">
            <input {...describedBy('p-investor-credit', err('investor.creditCode'), true)} value={form.investor.creditCode ?? ''} maxLength={18}
              onInput={e => setInvestor('creditCode', (e.target as HTMLInputElement).value)} />
          </Field>
          <Field id="p-investor-contact" label="联系人" error={err('investor.contactPerson')}>
            <input {...describedBy('p-investor-contact', err('investor.contactPerson'))} value={form.investor.contactPerson ?? ''}
              onInput={e => setInvestor('contactPerson', (e.target as HTMLInputElement).value)} />
          </Field>
          <Field id="p-investor-phone" label="联系电话" error={err('investor.contactPhone')}>
            <input {...describedBy('p-investor-phone', err('investor.contactPhone'))} type="tel" value={form.investor.contactPhone ?? ''}
              onInput={e => setInvestor('contactPhone', (e.target as HTMLInputElement).value)} />
          </Field>
          <Field id="p-investor-kind" label="企业类型" required error={err('investor.kind')}>
            <select {...describedBy('p-investor-kind', err('investor.kind'))} value={form.investor.kind ?? ''}
              onChange={e => setInvestor('kind', (e.target as HTMLSelectElement).value as InvestorKind)}>
              {(Object.keys(investorKindLabels) as InvestorKind[]).map(k => <option key={k} value={k}>{investorKindLabels[k]}</option>)}
            </select>
          </Field>
          <Field id="p-firstContact" label="首谈地" error={err('firstContactCounty')} hint="最先与投资方接洽的县区">
            <CountySelect id="p-firstContact" value={form.firstContactCounty} onChange={v => set('firstContactCounty', v)}
              invalid={!!err('firstContactCounty')} describedBy={err('firstContactCounty') ? 'p-firstContact-error' : 'p-firstContact-hint'} />
          </Field>
          <Field id="p-deadline" label="意向截止日期" error={err('deadline')}>
            <input {...describedBy('p-deadline', err('deadline'))} type="date" value={form.deadline ?? ''}
              onInput={e => set('deadline', (e.target as HTMLInputElement).value || null)} />
          </Field>
        </fieldset>
        <div class="actions">
          <button type="submit" disabled={busy}>{id ? '保存' : '保存草稿'}</button>
          <button type="button" class="primary" disabled={busy} onClick={() => void save(true)}>保存并发布</button>
        </div>
      </form>
    </section>
  );
}

function NumberField({ id, label, unit, value, error, onChange, required, step = 'any' }: {
  id: string; label: string; unit: string; value: number | null; error?: string; onChange: (v: number | null) => void; required?: boolean; step?: string;
}) {
  return (
    <Field id={id} label={label} unit={unit} error={error} required={required}>
      <input {...describedBy(id, error)} type="number" inputMode="decimal" min="0" step={step} value={value ?? ''}
        onInput={e => onChange(numberOrNull((e.target as HTMLInputElement).value))} />
    </Field>
  );
}
