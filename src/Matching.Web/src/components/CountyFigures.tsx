import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { dateTime, num, personName } from '../format';
import type { County, Figure, Flag } from '../types';
import { describedBy, Field, numberOrNull, ProblemBox } from './Field';
import { useCountyNames } from './CountySelect';
import { toast } from './Toasts';

/** A figure or flag as the host sends it: with the value in force before a pending declaration and who verified it. */
interface Check { by: string; at: string; note?: string | null }
type Provenance = (Figure | Flag) & { check?: Check | null; before?: (Figure | Flag) | null };

/** The county as GET /api/counties/{adcode} answers it, with the land-price floor. */
export type CountyWithFloor = County & { quotas: County['quotas'] & { landPriceFloor?: Figure | null } };

type FigureField = 'landQuotaMu' | 'energyQuotaTce' | 'landPriceFloor' | 'fiscallyDirect' | 'oldRevolutionaryBase';

interface Form { landQuotaMu: number | null; energyQuotaTce: number | null; landPriceFloor: number | null; fiscallyDirect: boolean; oldRevolutionaryBase: boolean }

function toForm(c: CountyWithFloor): Form {
  return {
    landQuotaMu: c.quotas.landMu.value, energyQuotaTce: c.quotas.energyTce.value, landPriceFloor: c.quotas.landPriceFloor?.value ?? null,
    fiscallyDirect: c.flags.fiscallyDirect.value, oldRevolutionaryBase: c.flags.oldRevolutionaryBase.value,
  };
}

function figureOf(c: CountyWithFloor, field: FigureField): Provenance | null {
  switch (field) {
    case 'landQuotaMu': return c.quotas.landMu;
    case 'energyQuotaTce': return c.quotas.energyTce;
    case 'landPriceFloor': return c.quotas.landPriceFloor ?? null;
    case 'fiscallyDirect': return c.flags.fiscallyDirect;
    default: return c.flags.oldRevolutionaryBase;
  }
}

/**
 * Where a value stands, in words: the county's own awaiting verification (and what matching uses meanwhile), verified by
 * whom and when (a coordinator's own setting carries both on the figure), published, or the labelled default.
 */
function standingOf(f: Provenance | null, unit: string, name: (user: string) => string): { status: string; text: string } {
  const shown = (v: number | boolean | undefined) => (typeof v === 'boolean' ? (v ? '是' : '否') : `${num(v)}${unit}`);
  if (!f) return { status: 'none', text: '未设定' };
  if (f.selfDeclared) {
    const before = f.before ? `匹配按现行值 ${shown(f.before.value)} 计` : '此前无核定值，暂按自报值计';
    return { status: 'selfDeclared', text: `县自报 ${shown(f.value)}，待核实（${before}）` };
  }
  if (f.check) {
    const how = f.source === 'coordinator' ? ' 设定' : '';
    return { status: 'verified', text: `已核实：${name(f.check.by)} ${dateTime(f.check.at)}${how}${f.check.note ? `（${f.check.note}）` : ''}` };
  }
  switch (f.source) {
    // Set before who and when were stored on the figure: the page says it does not know.
    case 'coordinator': return { status: 'verified', text: '已核实：省级统筹协调员设定（设定人与时间未记录）' };
    case 'reference': return { status: 'reference', text: '公开资料' };
    case 'county': return { status: 'county', text: '县区填报' };
    default: return { status: 'default', text: '平台默认值，待确认' };
  }
}

/**
 * A coordinator's form for a county's figures and flags (PUT /api/counties/{adcode}/figures with If-Match): in force at
 * once, superseding a pending declaration of the field. Only the fields changed are sent; the host's messages are shown
 * under their fields (the energy quota never below what awarded projects reserve), a stale version is re-read.
 */
export function CountyFigures({ county, reservedEnergy, onSaved, onStale }: {
  county: CountyWithFloor; reservedEnergy?: number; onSaved: (county: CountyWithFloor) => void; onStale: () => void;
}) {
  const [form, setForm] = useState<Form>(toForm(county));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ title?: string; detail?: string; extra?: string[] }>({});
  const [busy, setBusy] = useState(false);
  const countyName = useCountyNames();
  const name = (user: string) => personName(user, countyName);
  // The version the form edits. A newer one (another coordinator's or the county's change, arriving live) shows its
  // standings at once and its values too unless the form holds unsaved edits: those stay, and saving them on the older
  // version is refused by the host (412), explained, and the form re-read.
  const [base, setBase] = useState<CountyWithFloor>(county);
  const original = toForm(base);
  const dirty = (Object.keys(form) as (keyof Form)[]).some(k => form[k] !== original[k]);
  useEffect(() => {
    if (county.version === base.version || dirty) return;
    setBase(county); setForm(toForm(county));
  }, [county.version]);
  const adopt = (c: CountyWithFloor) => { setBase(c); setForm(toForm(c)); };
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm({ ...form, [k]: v });

  async function save(e: Event) {
    e.preventDefault();
    setErrors({}); setProblem({});
    const body: Partial<Record<FigureField, number | boolean | null>> = {};
    const blank: Record<string, string> = {};
    for (const k of Object.keys(form) as FigureField[]) {
      if (form[k] === original[k]) continue;
      // The API keeps a field it is sent no value for: an emptied field would be saved as unchanged.
      if (form[k] === null) blank[k] = '请填写数值；现行值不能清空。';
      else body[k] = form[k];
    }
    if (Object.keys(blank).length > 0) { setErrors(blank); return; }
    if (Object.keys(body).length === 0) { setProblem({ title: '没有修改', detail: '各项数值与现行值相同，无需保存。' }); return; }
    setBusy(true);
    try {
      const updated = await api<CountyWithFloor>(`/api/counties/${county.adcode}/figures`, { method: 'PUT', ifMatch: base.version, body });
      toast(`${county.name}的指标与标记已设定，即时生效`, 'success');
      adopt(updated);
      onSaved(updated);
    } catch (x) {
      if (x instanceof ApiError) {
        setErrors(x.fieldErrors);
        const known = ['landQuotaMu', 'energyQuotaTce', 'landPriceFloor', 'fiscallyDirect', 'oldRevolutionaryBase'];
        setProblem({
          title: x.status === 412 ? '资料已被他人修改' : x.problem.title,
          detail: x.status === 412 ? '你编辑的是旧版本，已为你载入最新数值，请核对后重新保存。' : x.problem.detail,
          extra: Object.entries(x.fieldErrors).filter(([f]) => !known.includes(f)).map(([, m]) => m),
        });
        if (x.status === 412) { adopt(county); onStale(); }
      } else setProblem({ title: '保存失败', detail: (x as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const err = (f: FigureField) => errors[f];
  const standing = (field: FigureField, unit: string) => {
    const s = standingOf(figureOf(county, field), unit, name);
    return <p class={`standing standing-${s.status}`} data-standing-for={field} data-status={s.status}>现行：{s.text}</p>;
  };
  const numberField = (field: 'landQuotaMu' | 'energyQuotaTce' | 'landPriceFloor', id: string, label: string, unit: string, hint: string, min: string, max?: string) => (
    <div data-field={field}>
      <Field id={id} label={label} unit={unit} error={err(field)} hint={hint}>
        <input {...describedBy(id, err(field), true)} type="number" min={min} max={max} step="any" value={form[field] ?? ''}
          onInput={e => set(field, numberOrNull((e.target as HTMLInputElement).value))} />
      </Field>
      {standing(field, ` ${unit}`)}
    </div>
  );

  return (
    <form class="card form county-figures" onSubmit={save} noValidate>
      <h2>指标与政策标记</h2>
      <p class="muted">协调员设定的数值即时生效并记入审核记录；县自报的数值核实前，匹配和出让价核查按现行值计。</p>
      <ProblemBox {...problem} />
      <fieldset>
        <legend>指标</legend>
        {numberField('landQuotaMu', 'cf-land', '剩余土地指标', '亩', '0–1,000,000 亩', '0')}
        {numberField('energyQuotaTce', 'cf-energy', '剩余能耗指标', '吨标准煤/年',
          reservedEnergy !== undefined ? `已为获统筹项目预留 ${num(reservedEnergy)} 吨标准煤/年，不能低于此数` : '不能低于已为获统筹项目预留的能耗', '0')}
        {numberField('landPriceFloor', 'cf-floor', '工业用地出让最低价', '万元/亩', '4–56 万元/亩（全国工业用地出让最低价标准）', '4', '56')}
      </fieldset>
      <fieldset>
        <legend>政策标记</legend>
        <div class="field checks" data-field="fiscallyDirect">
          <label><input id="cf-fiscal" type="checkbox" checked={form.fiscallyDirect} onChange={e => set('fiscallyDirect', (e.target as HTMLInputElement).checked)} /> 省财政直管县</label>
          {err('fiscallyDirect') && <p class="field-error" role="alert">{err('fiscallyDirect')}</p>}
          {standing('fiscallyDirect', '')}
        </div>
        <div class="field checks" data-field="oldRevolutionaryBase">
          <label><input id="cf-old" type="checkbox" checked={form.oldRevolutionaryBase} onChange={e => set('oldRevolutionaryBase', (e.target as HTMLInputElement).checked)} /> 革命老区</label>
          {err('oldRevolutionaryBase') && <p class="field-error" role="alert">{err('oldRevolutionaryBase')}</p>}
          {standing('oldRevolutionaryBase', '')}
        </div>
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{busy ? '保存中…' : '设定并生效'}</button>
        <button type="button" disabled={busy} onClick={() => { adopt(county); setErrors({}); setProblem({}); }}>还原</button>
      </div>
    </form>
  );
}
