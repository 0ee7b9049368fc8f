import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { num } from '../../format';

interface Bidder {
  county: string; countyName: string; parkId: string; parkName: string; fit: number; fairness: number;
  partner: string | null; partnerName: string | null; partnerPercent: number;
}
interface Suggestion {
  projectId: string; title: string; version: number; county: string | null; countyName: string | null; parkId: string | null; parkName: string | null;
  fit: number; fairness: number; locked: boolean; reasons: string[]; binding: string[];
  greedyCounty: string | null; greedyCountyName: string | null; differsFromGreedy: boolean; bidders: Bidder[];
  partner: string | null; partnerName: string | null; partnerPercent: number; partnerDidNotBid: boolean; options: Bidder[];
}
interface Plan {
  status: 'optimal' | 'feasible' | 'greedy' | 'infeasible'; objective: number; greedyObjective: number; totalFit: number; greedyTotalFit: number;
  elapsedMs: number; capPerDivision: number; fairnessWeight: number; changed: number; problem: string | null; suggestions: Suggestion[];
  bound: number | null; partnerPercent: number; coBuilds: number;
}
/** A quota raise in the what-if: a county's energy (tce) or a park's land (亩), by its id; negative lowers it. */
interface Raise { kind: 'energy' | 'land'; id: string; name: string; amount: number }
interface Outcome { projectId: string; decided: boolean; status: number; detail: string | null }

const statusText: Record<Plan['status'], string> = {
  optimal: '已求得最优方案', feasible: '时限内的最好方案（未证明最优）', greedy: '求解器未找到更优方案，采用逐项方案', infeasible: '锁定条件无法同时满足',
};

/** `''` = not locked, `'-'` = locked to nobody, otherwise the county locked, or `county+partner` for a co-build pair. */
type LockChoice = string;

const optionKey = (o: { county: string; partner: string | null }) => o.partner ? `${o.county}+${o.partner}` : o.county;

/**
 * 统筹分配建议: one plan for every contested project at once (CP-SAT within land, energy and
 * differentiation caps, with a fairness term and co-build pairs of strong–weak paired counties),
 * compared with deciding them one by one; what-ifs lock choices, raise quotas or change the cap, weight
 * and partner share; the chosen suggestions become awards (or co-builds), each on its version.
 */
export function AllocationView() {
  const [cap, setCap] = useState('3');
  const [weight, setWeight] = useState('1');
  const [includeOpen, setIncludeOpen] = useState(false);
  const [partnerPercent, setPartnerPercent] = useState('30');
  const [years, setYears] = useState('10');
  const [raises, setRaises] = useState<Raise[]>([]);
  const [raiseTarget, setRaiseTarget] = useState('');
  const [raiseAmount, setRaiseAmount] = useState('');
  const [locks, setLocks] = useState<Record<string, LockChoice>>({});
  const [plan, setPlan] = useState<Plan>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>();

  async function compute() {
    setBusy(true); setError(undefined); setOutcomes(undefined);
    try {
      const body = {
        includeOpen, capPerDivision: Number(cap), fairnessWeight: Number(weight), partnerPercent: Number(partnerPercent),
        locks: Object.entries(locks).filter(([, v]) => v !== '').map(([projectId, v]) => {
          const [county, partner] = v === '-' ? [null, null] : v.split('+');
          return { projectId, county, partner: partner ?? null };
        }),
        energyRaiseTce: Object.fromEntries(raises.filter(r => r.kind === 'energy').map(r => [r.id, r.amount])),
        landRaiseMu: Object.fromEntries(raises.filter(r => r.kind === 'land').map(r => [r.id, r.amount])),
      };
      const next = await api<Plan>('/api/allocation/plan', { method: 'POST', body });
      setPlan(next);
      setChosen(new Set(next.suggestions.filter(s => s.county).map(s => s.projectId)));
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message} ${Object.values(e.fieldErrors).join(' ')}` : (e as Error).message);
    } finally { setBusy(false); }
  }

  async function apply() {
    if (!plan) return;
    setBusy(true); setError(undefined);
    const suggestions = plan.suggestions.filter(s => s.county && chosen.has(s.projectId))
      .map(s => ({ projectId: s.projectId, county: s.county, parkId: s.parkId, version: s.version, partner: s.partner, partnerPercent: s.partner ? s.partnerPercent : null }));
    const coBuildYears = suggestions.some(s => s.partner) ? Number(years) : null;
    try {
      const done = await api<{ outcomes: Outcome[] }>('/api/allocation/apply', { method: 'POST', body: { suggestions, reason: '采纳统筹分配建议', coBuildYears } });
      setOutcomes(done.outcomes);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setOutcomes((e.problem as unknown as { outcomes: Outcome[] }).outcomes);
      setError((e as Error).message);
    } finally { setBusy(false); }
  }

  const outcomeOf = (id: string) => outcomes?.find(o => o.projectId === id);
  // Quotas the what-if may raise: the counties (energy) and parks (land) the plan weighed.
  const targets = new Map<string, Raise>();
  for (const s of plan?.suggestions ?? []) for (const o of s.options ?? s.bidders) {
    targets.set(`energy:${o.county}`, { kind: 'energy', id: o.county, name: `${o.countyName} 能耗指标（吨标准煤）`, amount: 0 });
    if (o.partner) targets.set(`energy:${o.partner}`, { kind: 'energy', id: o.partner, name: `${o.partnerName ?? o.partner} 能耗指标（吨标准煤）`, amount: 0 });
    targets.set(`land:${o.parkId}`, { kind: 'land', id: o.parkId, name: `${o.parkName} 用地（亩）`, amount: 0 });
  }
  function addRaise() {
    const target = targets.get(raiseTarget);
    const amount = Number(raiseAmount);
    if (!target || !Number.isFinite(amount) || amount === 0) return;
    setRaises([...raises.filter(r => !(r.kind === target.kind && r.id === target.id)), { ...target, amount }]);
    setRaiseAmount('');
  }
  return (
    <section class="page allocation">
      <header class="page-head">
        <div>
          <h1>统筹分配建议</h1>
          <p class="muted small">对全部竞争中的项目一并求解（OR-Tools CP-SAT）：每个项目至多一个承接县，或由强县牵头、与其结对弱县按份额共建；园区用地、县能耗指标（共建按份额计入两县）不超；同一县在统计期内同一 GB/T 大类项目不超过上限；目标为契合度之和加均衡加分（含结对弱县与结对共建）。建议仅供参考，采纳后逐项按项目版本作出决定。</p>
        </div>
      </header>
      <form class="filters" onSubmit={e => { e.preventDefault(); void compute(); }} aria-label="方案参数">
        <label>错位发展上限（个/县/大类） <input name="capPerDivision" type="number" min={1} max={1000} value={cap} onInput={e => setCap((e.target as HTMLInputElement).value)} /></label>
        <label>均衡权重 <input name="fairnessWeight" type="number" min={0} max={10} step={0.5} value={weight} onInput={e => setWeight((e.target as HTMLInputElement).value)} /></label>
        <label>结对共建弱县份额（%，0 为不建议） <input name="partnerPercent" type="number" min={0} max={50} value={partnerPercent} onInput={e => setPartnerPercent((e.target as HTMLInputElement).value)} /></label>
        <label><input type="checkbox" checked={includeOpen} onChange={e => setIncludeOpen((e.target as HTMLInputElement).checked)} /> 含仅一县意向的在谈项目</label>
        <button type="submit" class="primary" disabled={busy}>{plan ? '重新计算' : '计算方案'}</button>
      </form>
      {plan && (
        <fieldset class="filters raises" aria-label="调整指标（假设分析）">
          <legend>调整指标（假设分析）</legend>
          <label>指标 <select name="raiseTarget" value={raiseTarget} onChange={e => setRaiseTarget((e.target as HTMLSelectElement).value)}>
            <option value="">选择县能耗或园区用地</option>
            {[...targets.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name, 'zh')).map(([key, t]) => <option key={key} value={key}>{t.name}</option>)}
          </select></label>
          <label>增加（负数为减少） <input name="raiseAmount" type="number" value={raiseAmount} onInput={e => setRaiseAmount((e.target as HTMLInputElement).value)} /></label>
          <button type="button" onClick={addRaise} disabled={!raiseTarget || !raiseAmount}>加入调整</button>
          <ul class="raise-list">
            {raises.map(r => (
              <li key={`${r.kind}:${r.id}`} data-raise={`${r.kind}:${r.id}`}>{r.name} {r.amount > 0 ? '+' : ''}{num(r.amount)}
                <button type="button" class="link" aria-label={`取消调整 ${r.name}`} onClick={() => setRaises(raises.filter(x => x !== r))}>取消</button></li>
            ))}
          </ul>
          <p class="muted small">调整后点“重新计算”查看新方案；调整只用于假设分析，不改变实际指标。</p>
        </fieldset>
      )}
      {error && <p class="problem" role="alert">{error}</p>}
      {plan && (
        <>
          <p class="plan-summary" data-status={plan.status} aria-live="polite">
            {statusText[plan.status]}：总分 {num(plan.objective)}（逐项决定 {num(plan.greedyObjective)}），契合度合计 {num(plan.totalFit)}（逐项 {num(plan.greedyTotalFit)}），
            与逐项决定不同的项目 {plan.changed} 个，结对共建建议 {plan.coBuilds} 个，用时 {num(Math.round(plan.elapsedMs))} 毫秒。
            {plan.status === 'feasible' && plan.bound != null && `可证明的上界 ${num(plan.bound)}（与最优至多相差 ${num(Math.round((plan.bound - plan.objective) / plan.bound * 1000) / 10)}%）。`}{plan.problem}
          </p>
          <table class="list allocation-plan" aria-label="分配建议">
            <thead><tr><th>采纳</th><th>项目</th><th>建议承接</th><th>为什么</th><th>逐项决定</th><th>锁定（假设分析）</th></tr></thead>
            <tbody>
              {plan.suggestions.map(s => {
                const o = outcomeOf(s.projectId);
                return (
                  <tr key={s.projectId} data-project={s.projectId} class={s.differsFromGreedy ? 'differs' : undefined}>
                    <td><input type="checkbox" aria-label={`采纳 ${s.title}`} disabled={!s.county} checked={chosen.has(s.projectId)}
                      onChange={e => { const next = new Set(chosen); if ((e.target as HTMLInputElement).checked) next.add(s.projectId); else next.delete(s.projectId); setChosen(next); }} />
                      {o && <div class={o.decided ? 'tag ok' : 'tag warn'} data-outcome={o.decided ? 'decided' : 'refused'}>{o.decided ? '已决定' : `未采纳（${o.status}）`}</div>}</td>
                    <td><a href={`#/projects/${s.projectId}`}>{s.title}</a></td>
                    <td data-suggested={s.county ?? ''} data-partner={s.partner ?? ''}>{s.countyName ?? '暂不决定'}
                      {s.partner && <div class="cobuild"><span class="tag ok">结对共建</span> 与{s.partnerName}（{num(100 - s.partnerPercent)}% / {num(s.partnerPercent)}%）{s.partnerDidNotBid && <span class="muted small">，合作县未表达意向</span>}</div>}
                      {s.parkName && <div class="muted small">{s.parkName}</div>}{s.locked && <span class="tag">已锁定</span>}</td>
                    <td><ul class="reasons">{s.reasons.map(r => <li key={r}>{r}</li>)}{s.binding.map(b => <li key={b} class="binding">约束：{b}</li>)}</ul>{o && !o.decided && <p class="problem small">{o.detail}</p>}</td>
                    <td>{s.greedyCountyName ?? '—'}{s.differsFromGreedy && <span class="tag warn">不同</span>}</td>
                    <td><select aria-label={`锁定 ${s.title}`} value={locks[s.projectId] ?? ''} onChange={e => setLocks({ ...locks, [s.projectId]: (e.target as HTMLSelectElement).value })}>
                      <option value="">不锁定</option>
                      <option value="-">暂不决定</option>
                      {(s.options ?? s.bidders).map(b => <option key={optionKey(b)} value={optionKey(b)}>
                        {b.partner ? `${b.countyName}+${b.partnerName}结对共建` : b.countyName}（{num(b.fit)} 分{b.fairness > 0 ? ` +${num(b.fairness)}` : ''}）</option>)}
                    </select></td>
                  </tr>
                );
              })}
              {plan.suggestions.length === 0 && <tr><td colSpan={6} class="muted">没有待决定的竞争项目</td></tr>}
            </tbody>
          </table>
          {plan.suggestions.some(s => s.partner && chosen.has(s.projectId)) && (
            <label class="cobuild-years">结对共建年限（年） <input name="coBuildYears" type="number" min={1} max={50} value={years} onInput={e => setYears((e.target as HTMLInputElement).value)} /></label>
          )}
          <button class="primary" disabled={busy || chosen.size === 0} onClick={() => void apply()}>采纳所选建议（{chosen.size} 项）</button>
        </>
      )}
    </section>
  );
}
