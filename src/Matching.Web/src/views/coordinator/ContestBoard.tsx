import { useEffect, useState } from 'preact/hooks';
import { api, apiPage, ApiError } from '../../api';
import { useList } from '../../components/DataTable';
import { reloadSettled, useLive, useLoad } from '../../hooks';
import { dateTime, decisionLabels, num, personName, plain, scoreOf100, statusLabels, wan } from '../../format';
import type { Contest, County, DecisionInput, DecisionKind, Project, ProjectFlags, ProjectMatches } from '../../types';
import { describedBy, Field, numberOrNull, ProblemBox } from '../../components/Field';
import { Factors, ScoreBar } from '../../components/Factors';
import { CountySelect, useCountyNames } from '../../components/CountySelect';
import { toast } from '../../components/Toasts';
import { ConfirmDialog } from '../../components/Dialog';
import { PreviewBody, type DecisionPreview } from '../../components/DecisionPreview';
import { liveText } from '../officer/ProjectList';
import { RouteLine } from '../../components/RouteLine';

/** The contest board: contested projects with their bids side by side, fit breakdowns and flags, and the decision form. */
export function ContestBoard() {
  const [q, setQ] = useState('');
  const [text, setText] = useState('');
  const contests = useList<Contest>((query, signal) => apiPage<Contest>(`/api/contests?${query}`, { signal }), { q: text },
    { sort: 'bids', order: 'desc', take: 20 }, '/api/contests', '竞争项目');
  // A decided contest leaves the board at once: the board reads the search index, which can trail the
  // decision by a moment, and a card still offering its decision form after it was decided misleads.
  const [settled, setSettled] = useState<Set<string>>(new Set());
  const items = (contests.data?.items ?? []).filter(c => !settled.has(c.project.id));
  const total = (contests.data?.total ?? 0) - ((contests.data?.items.length ?? 0) - items.length);
  useEffect(() => {
    const listed = new Set((contests.data?.items ?? []).map(c => c.project.id));
    setSettled(s => (Array.from(s).some(id => !listed.has(id)) ? new Set(Array.from(s).filter(id => listed.has(id))) : s));
  }, [contests.data]);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [changed, setChanged] = useState<Set<string>>(new Set());
  const [decided, setDecided] = useState<{ title: string; text: string; at: string }[]>([]);

  useLive((event, replayed) => {
    if (!event.projectId) return;
    if (event.type === 'projectContested') {
      setFresh(s => new Set(s).add(event.projectId!));
      setSettled(s => { const n = new Set(s); n.delete(event.projectId!); return n; });
    }
    if (event.type === 'bidPlaced' || event.type === 'bidWithdrawn' || event.type === 'projectUpdated' || event.type === 'contestRouted') setChanged(s => new Set(s).add(event.projectId!));
    if (event.type === 'decisionMade') {
      setSettled(s => new Set(s).add(event.projectId!));
      setDecided(list => [{ title: event.payload.title as string, text: liveText(event.type, event.payload), at: event.at }, ...list].slice(0, 10));
    }
    if (!replayed && event.type !== 'projectPublished') toast(liveText(event.type, event.payload));
    reloadSettled(contests.reload);
  });

  return (
    <section class="page">
      <header class="page-head">
        <div>
          <h1>竞争看板 {contests.data && <span class="count" data-contests={total}>{total}</span>}</h1>
          <p class="muted">两个及以上县区表达意向的项目；对比契合度、意向条件与合规标记后作出统筹决定。</p>
        </div>
        <button class="no-print" onClick={() => void contests.reload()}>刷新</button>
      </header>
      <form class="toolbar no-print" role="search" onSubmit={e => { e.preventDefault(); setText(q.trim()); }}>
        <label class="sr-only" for="contest-q">搜索</label>
        <input id="contest-q" type="search" placeholder="按项目名称、行业或意向县搜索" value={q} onInput={e => setQ((e.target as HTMLInputElement).value)} />
        <button type="submit">搜索</button>
        <span class="inline-field"><label for="contest-sort">排序</label>
          <select id="contest-sort" value={`${contests.state.sort}`} onChange={e => contests.sortBy((e.target as HTMLSelectElement).value)}>
            <option value="bids">意向县数</option><option value="investment">投资额</option><option value="landMu">用地</option>
            <option value="bestScore">最高契合度</option><option value="title">项目名称</option>
          </select></span>
        <button type="button" onClick={() => void contests.exportXlsx()}>导出 Excel</button>
        <button type="button" onClick={() => print()}>打印</button>
      </form>
      {contests.error && <p class="problem" role="alert">{contests.error.message}</p>}
      {contests.data && items.length === 0 && <p class="empty">{text ? '没有符合条件的竞争项目。' : '目前没有竞争中的项目。出现多县竞争时会实时出现在这里。'}</p>}
      {items.map(c => (
        <ContestCard key={c.project.id} contest={c} fresh={fresh.has(c.project.id)} changed={changed.has(c.project.id)}
          onDecided={() => {
            setChanged(s => { const n = new Set(s); n.delete(c.project.id); return n; });
            setSettled(s => new Set(s).add(c.project.id));
            reloadSettled(contests.reload);
          }}
          // The change that made the decision stale may not be searchable yet: read again once it is.
          onStale={() => reloadSettled(contests.reload)} />
      ))}
      {contests.data && contests.data.total > contests.state.take && (
        <nav class="pager no-print" aria-label="翻页">
          <button type="button" disabled={contests.state.skip === 0} onClick={() => contests.page(contests.state.skip - contests.state.take)}>上一页</button>
          <span>第 {contests.state.skip + 1}–{contests.state.skip + items.length} 个，共 {total} 个</span>
          <button type="button" disabled={contests.state.skip + contests.state.take >= contests.data.total} onClick={() => contests.page(contests.state.skip + contests.state.take)}>下一页</button>
        </nav>
      )}
      {decided.length > 0 && (
        <div class="card">
          <h2>本次会话的决定</h2>
          <ul>{decided.map(d => <li key={d.at + d.title}><span class="muted">{dateTime(d.at)}</span> {d.text}</li>)}</ul>
        </div>
      )}
    </section>
  );
}

function ContestCard({ contest, fresh, changed, onDecided, onStale }: {
  contest: Contest; fresh: boolean; changed: boolean; onDecided: () => void; onStale: () => void;
}) {
  const id = contest.project.id;
  const matches = useLoad(signal => api<ProjectMatches>(`/api/projects/${id}/matches?top=136`, { signal }), [id, contest.version]);
  const flags = useLoad(signal => api<ProjectFlags>(`/api/projects/${id}/flags`, { signal }).catch(() => null), [id, contest.version]);
  const project = useLoad(signal => api<Project>(`/api/projects/${id}`, { signal }), [id, contest.version]);
  const countyName = useCountyNames();
  const p = contest.project;

  return (
    <article class={`card contest${fresh ? ' fresh' : ''}`} data-project={id} aria-labelledby={`c-${id}`}>
      <header class="contest-head">
        <h2 id={`c-${id}`}>
          <a href={`#/projects/${id}`}>{p.title}</a> <span class={`status s-${p.status}`}>{statusLabels[p.status]}</span>
          {fresh && <span class="new-badge">新竞争</span>}
        </h2>
        <p class="muted"><code>{p.industryCode}</code> {p.industryName} · 投资 {wan(p.investment)} · 用地 {num(p.landMu)} 亩
          {p.highEnergy && <span class="tag warn">两高</span>}
          {project.data?.firstContactCounty && <> · 首谈地 {countyName(project.data.firstContactCounty)}</>}</p>
        {contest.route && <RouteLine projectId={id} title={p.title} route={contest.route} onTaken={onStale} />}
        {flags.data && (flags.data.firstContactHolder || flags.data.likelyDuplicates.length > 0) && (
          <ul class="flag-sentences">
            {flags.data.firstContactHolder && (
              <li data-flag="first-contact">
                {flags.data.firstContactHolder === project.data?.firstContactCounty
                  ? <>首谈：该投资方最早与 <strong>{countyName(flags.data.firstContactHolder)}</strong> 洽谈。按首谈优先原则，同等条件下宜优先考虑首谈地。</>
                  : <>首谈冲突：本项目登记的首谈地是 <strong>{countyName(project.data?.firstContactCounty)}</strong>，但该投资方此前已与 <strong>{countyName(flags.data.firstContactHolder)}</strong> 首谈。请核实首谈地后再决定。</>}
              </li>
            )}
            {flags.data.likelyDuplicates.length > 0 && (
              <li data-flag="duplicate" class="warn">疑似重复：同一投资方在同一行业还有 {flags.data.likelyDuplicates.length} 个项目
                （{flags.data.likelyDuplicates.slice(0, 5).map(d => <DuplicateLink key={d} id={d} />)}{flags.data.likelyDuplicates.length > 5 ? ` 等 ${flags.data.likelyDuplicates.length} 个` : ''}），可能是同一项目向多地重复发布，请核实后合并或撤回。</li>
            )}
          </ul>
        )}
      </header>
      <div class="bids-side" style={{ gridTemplateColumns: `repeat(${Math.min(contest.bids.length, 3)}, minmax(0, 1fr))` }}>
        {contest.bids.map(({ bid, score: s }) => {
          const fit = matches.data?.matches.find(m => m.county === bid.county);
          return (
            <section key={bid.county} class="bid-col" data-county={bid.county}>
              <h3>{bid.countyName} {s != null && <ScoreBar value={s} />}</h3>
              <dl class="facts compact">
                <div><dt>供地</dt><dd>{num(bid.landMu)} 亩{bid.parkName ? `（${bid.parkName}）` : ''}</dd></div>
                <div><dt>出让价</dt><dd>{bid.landPrice != null ? `${num(bid.landPrice)} 万元/亩` : '—'}</dd></div>
                <div><dt>能耗</dt><dd>{num(bid.energyTce)} 吨标准煤/年</dd></div>
                <div><dt>交地</dt><dd>{bid.deliveryMonths} 个月</dd></div>
              </dl>
              {bid.commitments && <p class="small">服务承诺：{bid.commitments}</p>}
              {bid.localChainPartners.length > 0 && <p class="small">本地配套：{bid.localChainPartners.join('、')}</p>}
              {bid.note && <p class="small bid-note">备注：{bid.note}</p>}
              {bid.flags.length > 0
                ? <ul class="flag-sentences">{bid.flags.map(f => <li key={f.ruleId + f.message} class="warn">{f.ruleTitle}：{plain(f.message)}</li>)}</ul>
                : <p class="small ok">无合规标记</p>}
              <details>
                <summary>契合度构成 {fit ? scoreOf100(fit.score) : ''}</summary>
                {fit ? <Factors factors={fit.factors} /> : <p class="muted">{matches.loading ? '加载中…' : '该县不在匹配结果中。'}</p>}
              </details>
              <p class="muted small">{dateTime(bid.placedAt)} · {bid.placedByName ?? personName(bid.placedBy, countyName)}</p>
            </section>
          );
        })}
      </div>
      <DecisionForm contest={contest} changed={changed} onDecided={onDecided} onStale={onStale} />
    </article>
  );
}

function DecisionForm({ contest, changed, onDecided, onStale }: { contest: Contest; changed: boolean; onDecided: () => void; onStale: () => void }) {
  const bidders = contest.bids.map(b => b.bid.county);
  const best = [...contest.bids].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0]?.bid;
  const [kind, setKind] = useState<DecisionKind>('award');
  const [county, setCounty] = useState<string | null>(best?.county ?? null);
  const [parkId, setParkId] = useState<string | null>(best?.parkId ?? null);
  const [shares, setShares] = useState<{ county: string; percent: number | null }[]>(
    bidders.slice(0, 2).map((c, i) => ({ county: c, percent: i === 0 ? 70 : 30 })));
  const [years, setYears] = useState<number | null>(10);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ title?: string; detail?: string; extra?: string[] }>({});
  const [busy, setBusy] = useState(false);
  const parks = useLoad(signal => (county ? api<County>(`/api/counties/${county}`, { signal }).then(c => c.parks) : Promise.resolve([])), [county]);
  const idp = `d-${contest.project.id.slice(0, 8)}`;

  // The park of the chosen county's bid is the natural default.
  useEffect(() => { setParkId(contest.bids.find(b => b.bid.county === county)?.bid.parkId ?? null); }, [county]);

  const [preview, setPreview] = useState<DecisionPreview | null>(null);

  // The confirmation step: the host computes exactly what the decision would do, and nothing is written until 确认.
  async function ask(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem({});
    try {
      setPreview(await api<DecisionPreview>(`/api/projects/${contest.project.id}/decision/preview`, { method: 'POST', body: decision() }));
    } catch (x) {
      failed(x);
    } finally {
      setBusy(false);
    }
  }

  function decision(): DecisionInput {
    return {
      kind, reason, expectedVersion: contest.version,
      county: kind === 'reopen' || kind === 'reject' ? null : county,
      parkId: kind === 'award' || kind === 'cobuild' ? parkId : null,
      shares: kind === 'cobuild' ? shares : null,
      years: kind === 'cobuild' ? years : null,
    };
  }

  async function submit() {
    setPreview(null);
    setBusy(true);
    try {
      await api<Project>(`/api/projects/${contest.project.id}/decision`, { method: 'POST', body: decision() });
      toast(`已决定：${contest.project.title} —— ${decisionLabels[kind]}`, 'success');
      onDecided();
    } catch (x) {
      failed(x);
    } finally {
      setBusy(false);
    }
  }

  function failed(x: unknown) {
      if (x instanceof ApiError) {
        setErrors(x.fieldErrors);
        if (x.status === 409 || x.status === 412) {
          setProblem({
            title: '决定未生效：项目已发生变化',
            detail: `${x.problem.detail ?? ''} 你作出决定时看到的意向已不是最新；看板已刷新为最新情况，请核对后重新决定。`,
          });
          onStale();
        } else {
          setProblem({ title: x.problem.title, detail: x.status === 400 ? '请按标红的提示修改。' : x.problem.detail });
        }
      } else setProblem({ title: '提交失败', detail: (x as Error).message });
  }

  const err = (f: string) => errors[f];
  return (
    <form class="decision form" onSubmit={ask} noValidate aria-label={`对“${contest.project.title}”作出统筹决定`}>
      <h3>统筹决定</h3>
      {changed && <p class="hint warn" role="status">看板打开后该项目的意向有变化，已自动刷新；请核对后再决定。</p>}
      <ProblemBox {...problem} />
      <div class="radios" role="radiogroup" aria-label="决定类型">
        {(['award', 'cobuild', 'refer', 'reopen', 'reject'] as DecisionKind[]).map(k => (
          <label key={k}><input type="radio" name={`${idp}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {decisionLabels[k]}</label>
        ))}
      </div>
      {(kind === 'award' || kind === 'cobuild' || kind === 'refer') && (
        <Field id={`${idp}-county`} label={kind === 'refer' ? '转介至' : kind === 'cobuild' ? '牵头县' : '落地县'} error={err('county')}>
          <CountySelect id={`${idp}-county`} value={county} onChange={setCounty} only={kind === 'refer' ? undefined : bidders} first={bidders}
            emptyLabel="请选择" invalid={!!err('county')} describedBy={err('county') ? `${idp}-county-error` : undefined} />
        </Field>
      )}
      {(kind === 'award' || kind === 'cobuild') && (
        <Field id={`${idp}-park`} label="落地园区" error={err('parkId')}>
          <select {...describedBy(`${idp}-park`, err('parkId'))} value={parkId ?? ''} onChange={e => setParkId((e.target as HTMLSelectElement).value || null)}>
            <option value="">请选择</option>
            {parks.data?.map(p => <option key={p.id} value={p.id}>{p.name}（可用 {num(p.availableLandMu.value)} 亩）</option>)}
          </select>
        </Field>
      )}
      {kind === 'cobuild' && (
        <fieldset class="shares">
          <legend>分成比例（合计 100%，如 7:3、8:2、5:5）</legend>
          {shares.map((s, i) => (
            <div class="inline" key={i}>
              <label class="sr-only" for={`${idp}-share-${i}`}>第 {i + 1} 方</label>
              <CountySelect id={`${idp}-share-${i}`} value={s.county} first={bidders} onChange={v => setShares(shares.map((x, j) => (j === i ? { ...x, county: v ?? '' } : x)))} emptyLabel="选择县区" />
              <label class="sr-only" for={`${idp}-pct-${i}`}>份额</label>
              <input id={`${idp}-pct-${i}`} type="number" min="1" max="100" step="any" class="short" value={s.percent ?? ''}
                onInput={e => setShares(shares.map((x, j) => (j === i ? { ...x, percent: numberOrNull((e.target as HTMLInputElement).value) } : x)))} /> %
              {err(`shares[${i}].county`) && <p class="field-error">{err(`shares[${i}].county`)}</p>}
              {err(`shares[${i}].percent`) && <p class="field-error">{err(`shares[${i}].percent`)}</p>}
              {shares.length > 2 && <button type="button" class="link" onClick={() => setShares(shares.filter((_, j) => j !== i))}>移除</button>}
            </div>
          ))}
          <button type="button" class="link" onClick={() => setShares([...shares, { county: '', percent: null }])}>＋ 增加合作县</button>
          {err('shares') && <p class="field-error" role="alert">{err('shares')}</p>}
          <Field id={`${idp}-years`} label="共建年限" unit="年" error={err('years')}>
            <input {...describedBy(`${idp}-years`, err('years'))} type="number" min="1" max="50" step="1" value={years ?? ''}
              onInput={e => setYears(numberOrNull((e.target as HTMLInputElement).value))} />
          </Field>
        </fieldset>
      )}
      <Field id={`${idp}-reason`} label="决定理由" required error={err('reason')} wide>
        <textarea {...describedBy(`${idp}-reason`, err('reason'))} rows={2} value={reason}
          placeholder="如：契合度最高，首谈地，供地条件最优" onInput={e => setReason((e.target as HTMLTextAreaElement).value)} />
      </Field>
      <div class="actions"><button type="submit" class="primary" disabled={busy}>{busy ? '提交中…' : `确认：${decisionLabels[kind]}`}</button></div>
      <ConfirmDialog open={preview != null} title={`确认对“${contest.project.title}”作出决定？`} confirmLabel="确认决定"
        onCancel={() => setPreview(null)} onConfirm={() => void submit()}>
        {preview && <PreviewBody preview={preview} />}
      </ConfirmDialog>
    </form>
  );
}

/** A likely duplicate (same investor and industry class), named by its title. */
function DuplicateLink({ id }: { id: string }) {
  const project = useLoad(signal => api<Project>(`/api/projects/${id}`, { signal }).catch(() => null), [id]);
  return <a href={`#/projects/${id}`} class="dup">“{project.data?.title ?? id.slice(-8)}”{project.data ? `（${statusLabels[project.data.status]}）` : ''}</a>;
}
