import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { num } from '../../format';

interface Bidder { county: string; countyName: string; parkId: string; parkName: string; fit: number; fairness: number }
interface Suggestion {
  projectId: string; title: string; version: number; county: string | null; countyName: string | null; parkId: string | null; parkName: string | null;
  fit: number; fairness: number; locked: boolean; reasons: string[]; binding: string[];
  greedyCounty: string | null; greedyCountyName: string | null; differsFromGreedy: boolean; bidders: Bidder[];
}
interface Plan {
  status: 'optimal' | 'feasible' | 'greedy' | 'infeasible'; objective: number; greedyObjective: number; totalFit: number; greedyTotalFit: number;
  elapsedMs: number; capPerDivision: number; fairnessWeight: number; changed: number; problem: string | null; suggestions: Suggestion[];
}
interface Outcome { projectId: string; decided: boolean; status: number; detail: string | null }

const statusText: Record<Plan['status'], string> = {
  optimal: '已求得最优方案', feasible: '时限内的最好方案（未证明最优）', greedy: '求解器未找到更优方案，采用逐项方案', infeasible: '锁定条件无法同时满足',
};

/** `''` = not locked, `'-'` = locked to nobody, otherwise the county locked. */
type LockChoice = string;

/**
 * 统筹分配建议: one plan for every contested project at once (CP-SAT within land, energy and
 * differentiation caps, with a fairness term), compared with deciding them one by one; what-ifs lock
 * choices or change the cap and weight; the chosen suggestions become awards, each on its version.
 */
export function AllocationView() {
  const [cap, setCap] = useState('3');
  const [weight, setWeight] = useState('1');
  const [includeOpen, setIncludeOpen] = useState(false);
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
        includeOpen, capPerDivision: Number(cap), fairnessWeight: Number(weight),
        locks: Object.entries(locks).filter(([, v]) => v !== '').map(([projectId, v]) => ({ projectId, county: v === '-' ? null : v })),
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
      .map(s => ({ projectId: s.projectId, county: s.county, parkId: s.parkId, version: s.version }));
    try {
      const done = await api<{ outcomes: Outcome[] }>('/api/allocation/apply', { method: 'POST', body: { suggestions, reason: '采纳统筹分配建议' } });
      setOutcomes(done.outcomes);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setOutcomes((e.problem as unknown as { outcomes: Outcome[] }).outcomes);
      setError((e as Error).message);
    } finally { setBusy(false); }
  }

  const outcomeOf = (id: string) => outcomes?.find(o => o.projectId === id);
  return (
    <section class="page allocation">
      <header class="page-head">
        <div>
          <h1>统筹分配建议</h1>
          <p class="muted small">对全部竞争中的项目一并求解（OR-Tools CP-SAT）：每个项目至多一个承接县；园区用地、县能耗指标不超；同一县在统计期内同一 GB/T 大类项目不超过上限；目标为契合度之和加均衡加分。建议仅供参考，采纳后逐项按项目版本作出决定。</p>
        </div>
      </header>
      <form class="filters" onSubmit={e => { e.preventDefault(); void compute(); }} aria-label="方案参数">
        <label>错位发展上限（个/县/大类） <input name="capPerDivision" type="number" min={1} max={1000} value={cap} onInput={e => setCap((e.target as HTMLInputElement).value)} /></label>
        <label>均衡权重 <input name="fairnessWeight" type="number" min={0} max={10} step={0.5} value={weight} onInput={e => setWeight((e.target as HTMLInputElement).value)} /></label>
        <label><input type="checkbox" checked={includeOpen} onChange={e => setIncludeOpen((e.target as HTMLInputElement).checked)} /> 含仅一县意向的在谈项目</label>
        <button type="submit" class="primary" disabled={busy}>{plan ? '重新计算' : '计算方案'}</button>
      </form>
      {error && <p class="problem" role="alert">{error}</p>}
      {plan && (
        <>
          <p class="plan-summary" data-status={plan.status} aria-live="polite">
            {statusText[plan.status]}：总分 {num(plan.objective)}（逐项决定 {num(plan.greedyObjective)}），契合度合计 {num(plan.totalFit)}（逐项 {num(plan.greedyTotalFit)}），
            与逐项决定不同的项目 {plan.changed} 个，用时 {num(Math.round(plan.elapsedMs))} 毫秒。{plan.problem}
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
                    <td data-suggested={s.county ?? ''}>{s.countyName ?? '暂不决定'}{s.parkName && <div class="muted small">{s.parkName}</div>}{s.locked && <span class="tag">已锁定</span>}</td>
                    <td><ul class="reasons">{s.reasons.map(r => <li key={r}>{r}</li>)}{s.binding.map(b => <li key={b} class="binding">约束：{b}</li>)}</ul>{o && !o.decided && <p class="problem small">{o.detail}</p>}</td>
                    <td>{s.greedyCountyName ?? '—'}{s.differsFromGreedy && <span class="tag warn">不同</span>}</td>
                    <td><select aria-label={`锁定 ${s.title}`} value={locks[s.projectId] ?? ''} onChange={e => setLocks({ ...locks, [s.projectId]: (e.target as HTMLSelectElement).value })}>
                      <option value="">不锁定</option>
                      <option value="-">暂不决定</option>
                      {s.bidders.map(b => <option key={b.county} value={b.county}>{b.countyName}（{num(b.fit)} 分{b.fairness > 0 ? ` +${num(b.fairness)}` : ''}）</option>)}
                    </select></td>
                  </tr>
                );
              })}
              {plan.suggestions.length === 0 && <tr><td colSpan={6} class="muted">没有待决定的竞争项目</td></tr>}
            </tbody>
          </table>
          <button class="primary" disabled={busy || chosen.size === 0} onClick={() => void apply()}>采纳所选建议（{chosen.size} 项）</button>
        </>
      )}
    </section>
  );
}
