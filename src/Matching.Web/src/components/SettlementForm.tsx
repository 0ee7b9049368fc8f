import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { describedBy, Field, numberOrNull, ProblemBox } from './Field';
import { toast } from './Toasts';

/**
 * A year of a confirmed agreement: a coordinator records the year's verified figures (万元, with their
 * source); a party's county account or a coordinator sets the settlement (待结算, 已结算, 有异议 with
 * the reason). The host's messages are shown on the fields.
 */
export function SettlementForm({ id, year, status, note, coordinator, onDone }: {
  id: string; year: number; status: string; note: string; coordinator: boolean; onDone: () => void;
}) {
  const [choice, setChoice] = useState(status);
  const [text, setText] = useState(note);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const prefix = `st-${year}`;

  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    try {
      await api(`/api/projects/${id}/agreement/settlements/${year}`, { method: 'PUT', body: { status: choice, note: text } });
      toast(`${year} 年结算状态已保存`, 'success');
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setProblem(err); else throw err;
    }
  }

  const errors = problem?.fieldErrors ?? {};
  return (
    <>
      {coordinator && <FiguresForm id={id} year={year} onDone={onDone} />}
      <form class="settlement-form" onSubmit={submit} aria-label={`${year} 年结算状态`}>
        <Field id={`${prefix}-status`} label="结算状态" error={errors.status ?? errors.year}>
          <select {...describedBy(`${prefix}-status`, errors.status ?? errors.year)} value={choice} onChange={e => setChoice((e.target as HTMLSelectElement).value)}>
            <option value="due">待结算</option>
            <option value="paid">已结算</option>
            <option value="disputed">有异议</option>
          </select>
        </Field>
        <Field id={`${prefix}-note`} label="说明" error={errors.note} hint="提出异议须说明理由">
          <input {...describedBy(`${prefix}-note`, errors.note, true)} value={text} onInput={e => setText((e.target as HTMLInputElement).value)} />
        </Field>
        {problem && !errors.status && !errors.note && !errors.year && <ProblemBox title={problem.problem.title} detail={problem.message} />}
        <button type="submit">保存结算状态</button>
      </form>
    </>
  );
}

const figureFields = [['fixedAssetInvestment', '固定资产投资'], ['outputValue', '产值'], ['retainedTax', '地方留成税收']] as const;

function FiguresForm({ id, year, onDone }: { id: string; year: number; onDone: () => void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [source, setSource] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  const prefix = `fg-${year}`;

  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    const body: Record<string, unknown> = { source };
    for (const [key] of figureFields) body[key] = numberOrNull(values[key] ?? '');
    try {
      await api(`/api/projects/${id}/agreement/figures/${year}`, { method: 'PUT', body });
      toast(`${year} 年实现数已记录`, 'success');
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setProblem(err); else throw err;
    }
  }

  const errors = problem?.fieldErrors ?? {};
  return (
    <form class="figures-form" onSubmit={submit} aria-label={`${year} 年实现数`}>
      {figureFields.map(([key, label]) => (
        <Field key={key} id={`${prefix}-${key}`} label={label} unit="万元" error={errors[key]}>
          <input {...describedBy(`${prefix}-${key}`, errors[key])} inputMode="decimal" value={values[key] ?? ''}
            onInput={e => setValues({ ...values, [key]: (e.target as HTMLInputElement).value })} />
        </Field>
      ))}
      <Field id={`${prefix}-source`} label="数据来源" error={errors.source}>
        <input {...describedBy(`${prefix}-source`, errors.source)} value={source} onInput={e => setSource((e.target as HTMLInputElement).value)} />
      </Field>
      {problem && Object.keys(errors).length === 0 && <ProblemBox title={problem.problem.title} detail={problem.message} />}
      <button type="submit">记录实现数</button>
    </form>
  );
}
