import { useEffect, useMemo, useState } from 'preact/hooks';
import { ProjectRoute } from '../../components/RouteLine';
import { OutcomeBanner } from '../../components/OutcomeBanner';
import { AgreementPanel } from '../../components/AgreementPanel';
import { api, apiPage, ApiError } from '../../api';
import { reloadSoon, useLive, useLoad } from '../../hooks';
import { chainLabels, dateTime, investorKindLabels, num, parkLevelLabels, personName, plain, score, scoreOf100, statusLabels, wan } from '../../format';
import { markRead } from '../../unread';
import { ConfirmDialog, ReasonDialog } from '../../components/Dialog';
import { DataTable, useList } from '../../components/DataTable';
import { MatchTable } from './MatchTable';
import { navigate } from '../../router';
import { getSession } from '../../session';
import type { Bid, Project, ProjectEvent, ProjectMatches } from '../../types';
import { ShandongMap, type MapValue } from '../../components/ShandongMap';
import { Factors } from '../../components/Factors';
import { toast } from '../../components/Toasts';
import { useCountyNames } from '../../components/CountySelect';
import { liveText } from './ProjectList';
import { LandingSection } from '../landing/LandingSection';

/**
 * A project with its matches: the ranked counties with each score in words, the excluded counties with
 * their reasons, the map of Shandong coloured by fit, and the bids as they arrive.
 */
export function ProjectDetail({ id }: { id: string }) {
  const project = useLoad(signal => api<Project>(`/api/projects/${id}`, { signal }), [id]);
  const matches = useLoad(signal => api<ProjectMatches>(`/api/projects/${id}/matches?top=136`, { signal }), [id]);
  const bids = useLoad(signal => api<Bid[]>(`/api/projects/${id}/bids`, { signal }).catch(e => {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return [] as Bid[];
    throw e;
  }), [id]);
  // The history as a table paged by the host: GET /history reads by sequence (after, take, order), and
  // sequences run 1..total without gaps, so a page's skip is a position in that run.
  const history = useList<ProjectEvent>((query, signal) => historyPage(id, query, signal), {},
    { sort: 'at', order: 'desc', take: 10 }, `/api/projects/${id}/history`, '项目历史');
  const [selected, setSelected] = useState<string | null>(null);
  const [freshBids, setFreshBids] = useState<Set<string>>(new Set());
  const [tab, setTab] = useState<'matches' | 'excluded' | 'history'>('matches');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const countyName = useCountyNames();
  const role = getSession()?.user.role;
  const [asking, setAsking] = useState<'publish' | 'withdraw' | 'restore' | null>(null);
  useEffect(() => { void markRead(id); }, [id]);

  useLive((event, replayed) => {
    if (event.projectId !== id) return;
    if (event.type === 'bidPlaced' && typeof event.payload.county === 'string') {
      setFreshBids(s => new Set(s).add(event.payload.county as string));
    }
    if (!replayed) toast(liveText(event.type, event.payload), event.type === 'bidPlaced' ? 'success' : 'info');
    reloadSoon(project.reload);
    reloadSoon(bids.reload);
    reloadSoon(history.reload);
    if (event.type === 'projectUpdated') reloadSoon(matches.reload);
    void markRead(id);
  });

  const values = useMemo(() => {
    const map = new Map<string, MapValue>();
    const data = matches.data;
    if (!data) return map;
    // Relative to this project's range of scores, so that the best-fitting counties stand out.
    const scores = data.matches.map(m => m.score);
    const low = Math.min(...scores);
    const span = Math.max(1, Math.max(...scores) - low);
    for (const m of data.matches) map.set(m.county, { intensity: 0.12 + 0.88 * ((m.score - low) / span), label: `契合度 ${score(m.score)}` });
    for (const e of data.excluded) map.set(e.county, { intensity: null, excluded: true, label: `不符合：${e.reasons[0] ?? ''}` });
    return map;
  }, [matches.data]);

  const markers = useMemo(() => new Map((bids.data ?? []).map(b => [b.county, '意'])), [bids.data]);

  async function act(action: 'publish' | 'withdraw' | 'restore', reason?: string) {
    const p = project.data;
    if (!p) return;
    setAsking(null);
    const body = action === 'publish' ? undefined : { reason };
    setBusy(true);
    setActionError(undefined);
    try {
      const updated = await api<Project>(`/api/projects/${id}/${action}`, { method: 'POST', body, ifMatch: p.version });
      project.setData(updated);
      toast(action === 'publish' ? `已发布：${updated.title}` : action === 'restore' ? `已恢复：${updated.title}（${statusLabels[updated.status]}）` : '项目已撤回', 'success');
      void bids.reload();
      void matches.reload();
      void history.reload();
    } catch (e) {
      setActionError(e instanceof ApiError && e.status === 412 ? '项目已被他人修改，已为你刷新，请再试一次。' : (e as Error).message);
      void project.reload();
    } finally {
      setBusy(false);
    }
  }

  const p = project.data;
  if (project.error) return <section class="page"><p class="problem" role="alert">{project.error.message}</p></section>;
  if (!p) return <section class="page"><p aria-busy="true">加载中…</p></section>;

  const data = matches.data;
  const selectedMatch = selected ? data?.matches.find(m => m.county === selected) : undefined;
  const selectedExcluded = selected ? data?.excluded.find(e => e.county === selected) : undefined;
  const selectedBid = selected ? bids.data?.find(b => b.county === selected) : undefined;
  const rank = selectedMatch ? data!.matches.indexOf(selectedMatch) + 1 : 0;
  const canEdit = (p.status === 'draft' || p.status === 'open') && role !== 'county';

  return (
    <section class="page project-detail">
      <header class="page-head">
        <div>
          <h1>{p.title} <span class={`status s-${p.status}`} data-status={p.status}>{statusLabels[p.status]}</span></h1>
          <p class="muted">
            <code>{p.industryCode}</code> {p.industryName}{p.industryText ? `（${p.industryText}）` : ''}
            {p.chainPosition ? ` · ${chainLabels[p.chainPosition]}` : ''} · 最近更新 {dateTime(p.updatedAt)}
          </p>
        </div>
        <div class="actions">
          {canEdit && <button onClick={() => navigate(`/projects/${id}/edit`)}>编辑</button>}
          {p.status === 'draft' && role !== 'county' && <button class="primary" disabled={busy} onClick={() => setAsking('publish')}>发布</button>}
          {['draft', 'open', 'contested'].includes(p.status) && role !== 'county' && <button class="danger" disabled={busy} onClick={() => setAsking('withdraw')}>撤回</button>}
          {p.status === 'withdrawn' && role !== 'county' && <button class="primary" disabled={busy} data-action="restore" onClick={() => setAsking('restore')}>恢复项目</button>}
        </div>
      </header>
      {p.status === 'contested' && <ProjectRoute projectId={id} title={p.title} version={p.version} />}
      <OutcomeBanner id={id} version={p.version} bidders={bids.data?.map(b => b.county) ?? []} onChanged={() => { void project.reload(); void bids.reload(); }} />
      <ConfirmDialog open={asking === 'publish'} title={`发布“${p.title}”？`} confirmLabel="确认发布"
        onCancel={() => setAsking(null)} onConfirm={() => void act('publish')}>
        <p>发布后项目推送给契合的县区{data ? `（当前 ${data.matches.length} 个）` : ''}，县区即可表达意向。投资方信息仍对未表达意向的县区保密。</p>
      </ConfirmDialog>
      <ReasonDialog open={asking === 'withdraw'} title={`撤回“${p.title}”？`} confirmLabel="确认撤回" danger label="撤回原因"
        onCancel={() => setAsking(null)} onConfirm={reason => void act('withdraw', reason)}>
        <p>撤回后县区不能再表达意向，已有意向作废。原因记入项目历史。</p>
      </ReasonDialog>
      <ReasonDialog open={asking === 'restore'} title={`恢复“${p.title}”？`} confirmLabel="确认恢复" label="恢复原因"
        onCancel={() => setAsking(null)} onConfirm={reason => void act('restore', reason)}>
        <p>{p.publishedAt
          ? '恢复后项目回到“已发布”，重新推送给契合的县区。撤回前的意向不再有效，县区需重新表达意向；原有的统筹决定不恢复，已释放的土地和能耗指标不会重新预留。'
          : '项目从未发布，恢复后回到草稿，可继续编辑后再发布。'}原因记入项目历史。</p>
      </ReasonDialog>
      {actionError && <p class="problem" role="alert">{actionError}</p>}
      <dl class="facts">
        <div><dt>总投资</dt><dd>{wan(p.investment)}</dd></div>
        <div><dt>用地</dt><dd>{num(p.landMu)} 亩</dd></div>
        <div><dt>年能耗</dt><dd>{num(p.energyTce)} 吨标准煤</dd></div>
        <div><dt>就业</dt><dd>{num(p.jobs)} 人</dd></div>
        <div><dt>年税收</dt><dd>{wan(p.expectedTax)}</dd></div>
        <div><dt>投资方</dt><dd>{p.investor ? `${p.investor.name}（${investorKindLabels[p.investor.kind]}）` : '保密'}</dd></div>
        {p.investor?.contactPerson && <div><dt>联系人</dt><dd>{p.investor.contactPerson}{p.investor.contactPhone ? ` · ${p.investor.contactPhone}` : ''}</dd></div>}
        {p.outputValue != null && <div><dt>预计年产值</dt><dd>{wan(p.outputValue)}</dd></div>}
        {p.constructionMonths != null && <div><dt>建设周期</dt><dd>{p.constructionMonths} 个月</dd></div>}
        <div><dt>首谈地</dt><dd>{countyName(p.firstContactCounty)}</dd></div>
        <div><dt>发布人</dt><dd>{p.createdByName ?? personName(p.createdBy, countyName)}</dd></div>
        {p.highEnergy && <div><dt>标记</dt><dd><span class="tag warn">两高</span></dd></div>}
      </dl>
      <LandingSection id={id} />
      <AgreementPanel id={id} version={p.version} />

      <div class="split">
        <div class="split-main">
          <h2>全省契合度地图</h2>
          {p.status === 'draft' && <p class="hint">草稿：以下为匹配预览，发布后推送给契合县区。</p>}
          <p class="small muted">契合度满分 100 分，由行业、产业链、土地、能耗、亩均效益、区位与首谈等因素加总。</p>
          {data && data.matches.length === 0 && <NoMatchGuidance excluded={data.excluded} candidates={data.candidates} highEnergy={p.highEnergy} />}
          <ShandongMap title={`${p.title} 在山东 136 个县级行政区的契合度`} values={values} selected={selected}
            onSelect={setSelected} markers={markers}
            legend={{ low: `契合度 ${data && data.matches.length ? Math.round(Math.min(...data.matches.map(m => m.score))) : ''}`, high: `${data && data.matches.length ? Math.round(Math.max(...data.matches.map(m => m.score))) : ''} 分`, excluded: '不符合', marker: '已表达意向' }} />
          <div class="county-detail" aria-live="polite">
            {!selected && <p class="muted">点击地图上的县区查看详情。</p>}
            {selected && (
              <>
                <h3>{countyName(selected)} {selectedMatch && <span class="muted">第 {rank} 名 · {scoreOf100(selectedMatch.score)}</span>}</h3>
                {selectedMatch && <>
                  {selectedMatch.park && <p>推荐园区：{selectedMatch.park.name}（{parkLevelLabels[selectedMatch.park.level] ?? selectedMatch.park.level}，可用 {num(selectedMatch.park.availableLandMu)} 亩）</p>}
                  <Factors factors={selectedMatch.factors} />
                </>}
                {selectedExcluded && <ul class="reasons">{selectedExcluded.reasons.map(r => <li key={r}>{r}</li>)}</ul>}
                {!selectedMatch && !selectedExcluded && <p class="muted">未进入候选（行业不相关）。</p>}
                {selectedBid && <BidSummary bid={selectedBid} />}
              </>
            )}
          </div>
        </div>
        <div class="split-side">
          <h2>意向 <span class="count">{bids.data?.length ?? 0}</span></h2>
          {(bids.data ?? []).length === 0 && <p class="muted">尚无县区表达意向。{p.status === 'open' ? '新的意向会实时出现在这里。' : ''}</p>}
          <ul class="bids">
            {(bids.data ?? []).map(b => (
              <li key={b.county} class={freshBids.has(b.county) ? 'fresh' : ''} data-county={b.county}>
                <button class="link" onClick={() => setSelected(b.county)}>{b.countyName}</button>
                {freshBids.has(b.county) && <span class="new-badge">新</span>}
                <span class="muted"> · {dateTime(b.placedAt)}</span>
                <BidSummary bid={b} compact />
              </li>
            ))}
          </ul>
          <div class="tabs" role="tablist">
            <button role="tab" aria-selected={tab === 'matches'} onClick={() => setTab('matches')}>匹配县区 {data ? `(${data.matches.length})` : ''}</button>
            <button role="tab" aria-selected={tab === 'excluded'} onClick={() => setTab('excluded')}>不符合 {data ? `(${data.excluded.length})` : ''}</button>
            <button role="tab" aria-selected={tab === 'history'} onClick={() => setTab('history')}>历史</button>
          </div>
          {matches.error && <p class="problem" role="alert">{matches.error.message}</p>}
          {/* After the map's own read, so the map is not kept waiting. */}
          {tab === 'matches' && data && <MatchTable projectId={id} selected={selected} onSelect={setSelected} reloadKey={`${p.version}/${bids.data?.length ?? 0}`} />}
          {tab === 'excluded' && data && (
            <ul class="excluded">
              {data.excluded.map(e => (
                <li key={e.county}><strong>{e.countyName}</strong>
                  <ul class="reasons">{e.reasons.map(r => <li key={r}>{r}</li>)}</ul>
                </li>
              ))}
            </ul>
          )}
          {tab === 'history' && (
            <DataTable list={history} caption="项目历史" exportable={false} rowKey={h => String(h.sequence)} empty="暂无记录。" columns={[
              { key: 'at', label: '时间', sortable: true, cell: h => dateTime(h.at) },
              { key: 'label', label: '事项', cell: h => h.label },
              { key: 'actor', label: '操作人', cell: h => personName(h.actor, countyName) },
              { key: 'note', label: '说明', cell: h => (h.note ? (h.kind === 'bidPlaced' || h.kind === 'bidWithdrawn' ? countyName(h.note) : h.note) : '—') },
            ]} />
          )}
        </div>
      </div>
    </section>
  );
}

export function BidSummary({ bid, compact }: { bid: Bid; compact?: boolean }) {
  return (
    <div class={compact ? 'bid-summary compact' : 'bid-summary'}>
      <span>供地 {num(bid.landMu)} 亩{bid.landPrice != null ? `（${num(bid.landPrice)} 万元/亩）` : ''}</span>
      <span>能耗 {num(bid.energyTce)} 吨标准煤</span>
      <span>{bid.deliveryMonths} 个月交地</span>
      {!compact && bid.commitments && <p>服务承诺：{bid.commitments}</p>}
      {!compact && bid.localChainPartners.length > 0 && <p>本地配套：{bid.localChainPartners.join('、')}</p>}
      {!compact && bid.note && <p class="bid-note">备注：{bid.note}</p>}
      {bid.flags.length > 0 && compact && (
        // One tag per rule; the messages (e.g. each county to notify) are in its tooltip.
        <ul class="flags">{[...new Set(bid.flags.map(f => f.ruleTitle))].map(title => {
          const of = bid.flags.filter(f => f.ruleTitle === title);
          return <li key={title} class="tag warn" title={of.map(f => plain(f.message)).join('\n')}>{title}{of.length > 1 ? ` ×${of.length}` : ''}</li>;
        })}</ul>
      )}
      {bid.flags.length > 0 && !compact && (
        <ul class="flags">{bid.flags.map(f => <li key={f.ruleId + f.message} class="tag warn">{f.ruleTitle}：{plain(f.message)}</li>)}</ul>
      )}
    </div>
  );
}

/**
 * Why a project matches nothing: how many counties each constraint excluded, and what the officer can
 * change (a 两高 project needs energy quota few counties have).
 */
function NoMatchGuidance({ excluded, candidates, highEnergy }: { excluded: { reasons: string[] }[]; candidates: number; highEnergy: boolean }) {
  const byReason = new Map<string, number>();
  for (const e of excluded) {
    const key = (e.reasons[0] ?? '其他原因').split(/[：:（(，,]/)[0];
    byReason.set(key, (byReason.get(key) ?? 0) + 1);
  }
  const top = [...byReason.entries()].sort((a, b) => b[1] - a[1]);
  return (
    <div class="card guidance" role="status" data-guidance="no-match">
      <h3>暂无契合的县区</h3>
      {candidates === 0 && excluded.length === 0
        ? <p>没有县区的产业与该项目的行业相关。可检查行业代码是否准确，或补充“行业描述”以便匹配。</p>
        : <>
          <p>{excluded.length} 个县区因以下条件被排除：</p>
          <ul>{top.map(([reason, n]) => <li key={reason}><strong>{n} 个县</strong>：{reason}</li>)}</ul>
        </>}
      {highEnergy && <p>两高项目需县区有足够的能耗指标并符合两高项目准入；可核实年能耗，或请省级统筹协调能耗指标。</p>}
    </div>
  );
}

/** One page of a project's history, newest or oldest first, read from the host by sequence. */
async function historyPage(id: string, query: URLSearchParams, signal: AbortSignal): Promise<{ items: ProjectEvent[]; total: number }> {
  const newest = query.get('order') !== 'asc';
  const skip = Number(query.get('skip') ?? 0), take = Number(query.get('take') ?? 10);
  const path = `/api/projects/${id}/history`;
  const params = new URLSearchParams({ order: newest ? 'newest' : 'oldest', take: String(take) });
  if (skip > 0) {
    // Newest first, the page after `skip` entries starts below sequence total - skip + 1.
    const total = newest ? (await apiPage<ProjectEvent>(`${path}?order=newest&take=1`, { signal })).total : 0;
    params.set('after', String(newest ? total - skip + 1 : skip));
  }
  return apiPage<ProjectEvent>(`${path}?${params}`, { signal });
}
