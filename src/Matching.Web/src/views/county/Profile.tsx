import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { reloadSoon, useLive, useLoad } from '../../hooks';
import { dateTime, num, parkLevelLabels, sourceLabels } from '../../format';
import { getSession } from '../../session';
import type { County, CountyQuota, Figure } from '../../types';
import { describedBy, Field, numberOrNull, ProblemBox } from '../../components/Field';
import { IndustryPicker } from '../../components/IndustryPicker';
import { CountySelect } from '../../components/CountySelect';
import { toast } from '../../components/Toasts';
import { CountyEvidence } from '../../components/CountyEvidence';
import { EvidenceDeclare } from '../../components/EvidenceDeclare';
import { ParkLand } from '../../components/ParkLand';

interface Featured { code: string; name: string; label: string; strength: number }

interface ProfileForm {
  featured: Featured[];
  landQuotaMu: number | null;
  energyQuotaTce: number | null;
  fiscallyDirect: boolean;
  oldRevolutionaryBase: boolean;
  pairingPartners: string[];
  landPriceFloor: number | null;
}

function toForm(c: County): ProfileForm {
  return {
    featured: c.featuredIndustries.map(f => ({ code: f.code, name: f.name, label: f.label, strength: f.strength })),
    landQuotaMu: c.quotas.landMu.value, energyQuotaTce: c.quotas.energyTce.value,
    fiscallyDirect: c.flags.fiscallyDirect.value, oldRevolutionaryBase: c.flags.oldRevolutionaryBase.value,
    pairingPartners: c.pairingPartners.map(p => p.adcode), landPriceFloor: null,
  };
}

/** My county profile: featured industries, quotas, flags and pairing partners (PUT …/profile with If-Match); parks and quota use. */
export function Profile() {
  const adcode = getSession()!.user.adcode!;
  const county = useLoad(signal => api<County>(`/api/counties/${adcode}`, { signal }), [adcode]);
  const quota = useLoad(signal => api<CountyQuota>(`/api/counties/${adcode}/quota`, { signal }), [adcode]);
  const [form, setForm] = useState<ProfileForm>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ title?: string; detail?: string; extra?: string[] }>({});
  const [busy, setBusy] = useState(false);
  const [partner, setPartner] = useState<string | null>(null);

  useEffect(() => { if (county.data) setForm(toForm(county.data)); }, [county.data]);
  useLive(event => { if (event.type === 'quotaChanged' || event.type === 'decisionMade') reloadSoon(quota.reload); });

  if (county.error) return <section class="page"><p class="problem" role="alert">{county.error.message}</p></section>;
  const c = county.data;
  if (!c || !form) return <section class="page"><p aria-busy="true">加载中…</p></section>;

  const err = (f: string) => errors[f];
  const set = <K extends keyof ProfileForm>(k: K, v: ProfileForm[K]) => setForm({ ...form, [k]: v });
  const setFeatured = (i: number, patch: Partial<Featured>) => set('featured', form.featured.map((f, j) => (i === j ? { ...f, ...patch } : f)));

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem({});
    try {
      const updated = await api<County>(`/api/counties/${adcode}/profile`, {
        method: 'PUT', ifMatch: c!.version,
        body: {
          featuredIndustries: form!.featured.map(f => ({ code: f.code, strength: f.strength, label: f.label })),
          landQuotaMu: form!.landQuotaMu, energyQuotaTce: form!.energyQuotaTce,
          fiscallyDirect: form!.fiscallyDirect, oldRevolutionaryBase: form!.oldRevolutionaryBase,
          pairingPartners: form!.pairingPartners, landPriceFloor: form!.landPriceFloor ?? undefined,
        },
      });
      county.setData(updated);
      toast('本县资料已保存，新的匹配将按此计算', 'success');
    } catch (x) {
      if (x instanceof ApiError) {
        setErrors(x.fieldErrors);
        setProblem({
          title: x.status === 412 ? '资料已被他人修改' : x.problem.title,
          detail: x.status === 412 ? '你编辑的是旧版本，已为你载入最新资料，请核对后重新保存。' : x.problem.detail,
          extra: Object.entries(x.fieldErrors).filter(([f]) => f.startsWith('featuredIndustries') || f.startsWith('pairingPartners')).map(([, m]) => m),
        });
        if (x.status === 412) void county.reload();
      } else setProblem({ title: '保存失败', detail: (x as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="page">
      <header class="page-head">
        <div>
          <h1>本县资料：{c.name}</h1>
          <p class="muted">{c.prefecture.name} · 面积约 {num(c.areaKm2)} 平方公里 · 相邻 {c.neighbours.map(n => n.name).join('、')} · {dateTime(c.updatedAt)} 由 {c.updatedByName ?? c.updatedBy} 更新</p>
        </div>
      </header>
      <div class="split">
        <form class="split-main card form" onSubmit={save} noValidate>
          <ProblemBox {...problem} />
          <fieldset>
            <legend>特色产业</legend>
            <table class="list compact">
              <thead><tr><th>行业</th><th>名称</th><th>强度（1–5）</th><th>证据</th><th /></tr></thead>
              <tbody>
                {form.featured.map((f, i) => (
                  <tr key={f.code}>
                    <td><code>{f.code}</code> {f.name}{err(`featuredIndustries[${i}].code`) && <p class="field-error">{err(`featuredIndustries[${i}].code`)}</p>}</td>
                    <td><input aria-label={`${f.name} 的名称`} value={f.label} onInput={e => setFeatured(i, { label: (e.target as HTMLInputElement).value })} /></td>
                    <td><input aria-label={`${f.name} 的强度`} type="number" min="1" max="5" step="1" value={f.strength}
                      onInput={e => setFeatured(i, { strength: Number((e.target as HTMLInputElement).value) })} />
                      {err(`featuredIndustries[${i}].strength`) && <p class="field-error">{err(`featuredIndustries[${i}].strength`)}</p>}</td>
                    <td class="muted">{evidenceCount(c, f.code)}</td>
                    <td><button type="button" class="link" onClick={() => set('featured', form.featured.filter((_, j) => j !== i))}>删除</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Field id="pr-add-industry" label="添加特色产业" hint="搜索行业，可选大类、中类或小类" wide>
              <IndustryPicker id="pr-add-industry" value={null} classOnly={false} describedBy="pr-add-industry-hint"
                onChange={(v, phrase) => {
                  if (form.featured.some(f => f.code === v.code)) return;
                  set('featured', [...form.featured, { code: v.code, name: v.name, label: phrase || v.name, strength: 3 }]);
                }} />
            </Field>
          </fieldset>
          <fieldset>
            <legend>指标与政策标记</legend>
            <Field id="pr-land" label={`剩余土地指标（${sourceLabels[c.quotas.landMu.source]}${pending(c.quotas.landMu, '亩')}）`} unit="亩" error={err('landQuotaMu')}>
              <input {...describedBy('pr-land', err('landQuotaMu'))} type="number" min="0" step="any" value={form.landQuotaMu ?? ''}
                onInput={e => set('landQuotaMu', numberOrNull((e.target as HTMLInputElement).value))} />
            </Field>
            <Field id="pr-energy" label={`剩余能耗指标（${sourceLabels[c.quotas.energyTce.source]}${pending(c.quotas.energyTce, '吨标准煤/年')}）`} unit="吨标准煤/年" error={err('energyQuotaTce')}>
              <input {...describedBy('pr-energy', err('energyQuotaTce'))} type="number" min="0" step="any" value={form.energyQuotaTce ?? ''}
                onInput={e => set('energyQuotaTce', numberOrNull((e.target as HTMLInputElement).value))} />
            </Field>
            <Field id="pr-floor" label="工业用地出让最低价" unit="万元/亩" error={err('landPriceFloor')} hint="留空则不修改（4–56 万元/亩）">
              <input {...describedBy('pr-floor', err('landPriceFloor'), true)} type="number" min="4" max="56" step="any" value={form.landPriceFloor ?? ''}
                onInput={e => set('landPriceFloor', numberOrNull((e.target as HTMLInputElement).value))} />
            </Field>
            <div class="field checks">
              <label><input type="checkbox" checked={form.fiscallyDirect} onChange={e => set('fiscallyDirect', (e.target as HTMLInputElement).checked)} /> 省财政直管县</label>
              <label><input type="checkbox" checked={form.oldRevolutionaryBase} onChange={e => set('oldRevolutionaryBase', (e.target as HTMLInputElement).checked)} /> 革命老区</label>
            </div>
          </fieldset>
          <fieldset>
            <legend>结对帮扶县</legend>
            <ul class="partners">
              {form.pairingPartners.map(a => (
                <li key={a}>{c.pairingPartners.find(p => p.adcode === a)?.name ?? a}
                  <button type="button" class="link" onClick={() => set('pairingPartners', form.pairingPartners.filter(x => x !== a))}>移除</button></li>
              ))}
            </ul>
            <div class="inline">
              <label class="sr-only" for="pr-partner">添加结对县</label>
              <CountySelect id="pr-partner" value={partner} onChange={setPartner} emptyLabel="选择结对县…" />
              <button type="button" disabled={!partner} onClick={() => { if (partner && !form.pairingPartners.includes(partner)) set('pairingPartners', [...form.pairingPartners, partner]); setPartner(null); }}>添加</button>
            </div>
          </fieldset>
          <div class="actions"><button type="submit" class="primary" disabled={busy}>{busy ? '保存中…' : '保存资料'}</button></div>
        </form>
        <div class="split-side">
          <div class="card">
            <h2>园区</h2>
            <ul class="parks">
              {c.parks.map(p => (
                <li key={p.id}><strong>{p.name}</strong> <span class="tag">{parkLevelLabels[p.level] ?? p.level}</span>
                  {p.chemicalPark?.value && <span class="tag">认定化工园区</span>}
                  <div class="muted">主导产业 {p.mainIndustries.join('、') || '—'}</div>
                  <ParkLand park={p} editable onSaved={() => { void county.reload(); void quota.reload(); }} /></li>
              ))}
              {c.parks.length === 0 && <li class="muted">本县没有登记园区。</li>}
            </ul>
          </div>
          <CountyEvidence county={c} />
          <EvidenceDeclare county={c} onChange={county.setData} />
          {quota.data && (
            <div class="card">
              <h2>指标使用</h2>
              <QuotaBar label="能耗（吨标准煤/年）" q={quota.data.energyTce} />
              {quota.data.landMu.map(l => <QuotaBar key={l.parkId} label={`${l.name} 土地（亩）`} q={l} />)}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

/** How many evidence items stand behind a featured industry (same division), as the host computed. */
function evidenceCount(c: County, code: string): string {
  const n = c.featuredIndustries.find(f => f.code === code)?.evidence?.length;
  return n ? `${n} 条` : '无';
}

function QuotaBar({ label, q }: { label: string; q: { capacity: number; reserved: number; available: number } }) {
  const used = q.capacity > 0 ? Math.min(100, (q.reserved / q.capacity) * 100) : 0;
  return (
    <div class="quota">
      <div>{label}：已预留 {num(q.reserved)} / 总量 {num(q.capacity)}，可用 {num(q.available)}</div>
      <div class="bar" role="meter" aria-valuemin={0} aria-valuemax={q.capacity} aria-valuenow={q.reserved} aria-label={label}><span style={{ width: `${used}%` }} /></div>
    </div>
  );
}

/** Says when the county's own value awaits verification, and which value matching uses meanwhile. */
function pending(f: Figure, unit: string): string {
  return f.selfDeclared ? `，自报待核实，匹配按 ${num(f.inForce ?? f.value)} ${unit}计` : '';
}
