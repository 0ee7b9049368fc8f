import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { CountySelect } from './CountySelect';
import { describedBy, Field, numberOrNull, ProblemBox } from './Field';
import { toast } from './Toasts';
import { num } from '../format';
import type { Agreement } from './AgreementPanel';

export const indicatorLabels: Record<string, string> = { fixedAssetInvestment: '固定资产投资', outputValue: '产值', retainedTax: '地方留成税收' };
const templates = ['5:5', '7:3', '8:2'];

interface ShareRow { county: string | null; percent: string }

/**
 * Records an agreement (a coordinator, where a referral has none yet: POST) or completes the draft a
 * co-build decision made (a party or a coordinator: PUT). A party sets the term and the shared
 * indicators; a coordinator may also choose a template (host first) or custom shares, which must sum to
 * 100 % (the host checks it and its message is shown on the field). A coordinator confirms a completed draft.
 */
export function AgreementForm({ id, agreement, coordinator, onDone }: { id: string; agreement: Agreement | null; coordinator: boolean; onDone: () => void }) {
  const [template, setTemplate] = useState(agreement ? agreement.template : '7:3');
  const [partner, setPartner] = useState<string | null>(null);
  const [rows, setRows] = useState<ShareRow[]>(agreement
    ? agreement.shares.map(s => ({ county: s.county, percent: String(s.percent) }))
    : [{ county: null, percent: '' }, { county: null, percent: '' }]);
  const [firstYear, setFirstYear] = useState(String(agreement?.firstYear ?? new Date().getFullYear()));
  const [years, setYears] = useState(String(agreement?.years ?? 5));
  const [indicators, setIndicators] = useState<string[]>(agreement?.indicators ?? Object.keys(indicatorLabels));
  const [problem, setProblem] = useState<ApiError | null>(null);
  const custom = template === 'custom';
  const sum = rows.reduce((total, r) => total + (numberOrNull(r.percent) ?? 0), 0);
  const fixedParties = agreement !== null;

  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    const body: Record<string, unknown> = { firstYear: numberOrNull(firstYear), years: numberOrNull(years), indicators };
    if (coordinator) {
      body.template = template;
      if (custom) body.shares = rows.map(r => ({ county: r.county, percent: numberOrNull(r.percent) }));
      else if (!fixedParties) body.partner = partner;
    }
    try {
      await api(`/api/projects/${id}/agreement`, { method: agreement ? 'PUT' : 'POST', body });
      toast(agreement ? '协议已保存，待统筹协调员确认' : '利益分享协议已记录', 'success');
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setProblem(err); else throw err;
    }
  }

  async function confirm() {
    setProblem(null);
    try {
      await api(`/api/projects/${id}/agreement/confirm`, { method: 'POST' });
      toast('协议已确认', 'success');
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setProblem(err); else throw err;
    }
  }

  const errors = problem?.fieldErrors ?? {};
  const setRow = (i: number, row: Partial<ShareRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...row } : r)));
  const shown = new Set(['template', 'partner', 'shares', 'firstYear', 'years', 'indicators', ...rows.flatMap((_, i) => [`shares[${i}].county`, `shares[${i}].percent`])]);
  const other = Object.entries(errors).filter(([field]) => !shown.has(field)).map(([, message]) => message);
  return (
    <form class="agreement-form" onSubmit={submit} aria-label={agreement ? '填写利益分享协议' : '记录利益分享协议'}>
      <h3>{agreement ? '填写协议（分享期与分享指标）' : '记录利益分享协议'}</h3>
      {coordinator && <>
        <Field id="ag-template" label="分成模板（项目所在县在前）" error={errors.template}>
          <select {...describedBy('ag-template', errors.template)} value={template} onChange={e => setTemplate((e.target as HTMLSelectElement).value)}>
            {templates.map(t => <option key={t} value={t}>{t}</option>)}
            <option value="custom">自定义份额</option>
          </select>
        </Field>
        {!custom && !fixedParties && (
          <Field id="ag-partner" label="合作县（转介方）" error={errors.partner} hint="不填则为首谈县">
            <CountySelect id="ag-partner" value={partner} onChange={setPartner} invalid={!!errors.partner} describedBy={errors.partner ? 'ag-partner-error' : undefined} />
          </Field>
        )}
        {custom && (
          <fieldset class="shares">
            <legend>各方份额（合计须为 100%）</legend>
            {rows.map((r, i) => (
              <div class="share-row" key={i}>
                {fixedParties
                  ? <span class="party">{agreement!.shares[i]?.countyName ?? r.county}</span>
                  : <Field id={`ag-share-${i}-county`} label={`第 ${i + 1} 方`} error={errors[`shares[${i}].county`]}>
                      <CountySelect id={`ag-share-${i}-county`} value={r.county} onChange={county => setRow(i, { county })} invalid={!!errors[`shares[${i}].county`]} />
                    </Field>}
                <Field id={`ag-share-${i}`} label={`${fixedParties ? agreement!.shares[i]?.countyName ?? '' : `第 ${i + 1} 方`}份额`} unit="%" error={errors[`shares[${i}].percent`]}>
                  <input {...describedBy(`ag-share-${i}`, errors[`shares[${i}].percent`])} inputMode="decimal" value={r.percent}
                    onInput={e => setRow(i, { percent: (e.target as HTMLInputElement).value })} />
                </Field>
              </div>
            ))}
            {!fixedParties && <button type="button" onClick={() => setRows([...rows, { county: null, percent: '' }])}>增加一方</button>}
            <p class={`share-sum${sum === 100 ? '' : ' warning'}`} aria-live="polite">合计 {num(sum)}%{sum === 100 ? '' : '（须为 100%）'}</p>
            {errors.shares && <p class="field-error" role="alert" data-error-for="shares">{errors.shares}</p>}
          </fieldset>
        )}
        {!custom && errors.shares && <p class="field-error" role="alert" data-error-for="shares">{errors.shares}</p>}
      </>}
      {!coordinator && errors.shares && <p class="field-error" role="alert" data-error-for="shares">{errors.shares}</p>}
      <Field id="ag-firstYear" label="起始年度" error={errors.firstYear}>
        <input {...describedBy('ag-firstYear', errors.firstYear)} inputMode="numeric" value={firstYear} onInput={e => setFirstYear((e.target as HTMLInputElement).value)} />
      </Field>
      <Field id="ag-years" label="分享年限" unit="年" error={errors.years}>
        <input {...describedBy('ag-years', errors.years)} inputMode="numeric" value={years} onInput={e => setYears((e.target as HTMLInputElement).value)} />
      </Field>
      <fieldset class="indicators">
        <legend>分享指标</legend>
        {Object.entries(indicatorLabels).map(([key, label]) => (
          <label key={key}>
            <input type="checkbox" name="indicator" value={key} checked={indicators.includes(key)}
              onChange={e => setIndicators((e.target as HTMLInputElement).checked ? [...indicators, key] : indicators.filter(i => i !== key))} />
            {label}
          </label>
        ))}
        {errors.indicators && <p class="field-error" role="alert" data-error-for="indicators">{errors.indicators}</p>}
      </fieldset>
      {problem && <ProblemBox title={problem.problem.title} detail={problem.message} extra={other} />}
      <div class="actions">
        <button type="submit" class="primary">{agreement ? '保存协议' : '记录协议'}</button>
        {coordinator && agreement && <button type="button" onClick={() => void confirm()}>确认协议</button>}
      </div>
    </form>
  );
}
