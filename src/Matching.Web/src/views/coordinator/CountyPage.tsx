import type { ComponentChildren } from 'preact';
import { api } from '../../api';
import { reloadSoon, useLive, useLoad } from '../../hooks';
import { dateTime, num } from '../../format';
import { navigate } from '../../router';
import type { CountyQuota } from '../../types';
import { CountySelect } from '../../components/CountySelect';
import { CountyEvidence } from '../../components/CountyEvidence';
import { CountyAudit } from '../../components/CountyAudit';
import { CountyFigures, type CountyWithFloor } from '../../components/CountyFigures';

/**
 * A county's page for coordinators (#/counties/{adcode}; #/counties picks one): its figures and flags with where each
 * stands (self-declared, verified by whom and when), set here directly; its parks (each to its park page); the evidence
 * behind its industries; and its evidence and figures audit trail, newest first.
 */
export function CountyPage({ adcode }: { adcode?: string }) {
  const picker = (
    <div class="inline no-print">
      <label for="county-page-pick">县（市、区）</label>
      <CountySelect id="county-page-pick" value={adcode ?? null} emptyLabel="选择县区…" onChange={a => a && navigate(`/counties/${a}`)} />
    </div>
  );
  if (!adcode) {
    return (
      <section class="page">
        <header class="page-head"><div><h1>县区资料</h1><p class="muted">选择一个县（市、区），查看并设定其指标与政策标记，查看产业证据和审核记录。</p></div></header>
        {picker}
      </section>
    );
  }
  return <CountyDetail adcode={adcode} picker={picker} />;
}

function CountyDetail({ adcode, picker }: { adcode: string; picker: ComponentChildren }) {
  const county = useLoad(signal => api<CountyWithFloor>(`/api/counties/${adcode}`, { signal }), [adcode]);
  const quota = useLoad(signal => api<CountyQuota>(`/api/counties/${adcode}/quota`, { signal }), [adcode]);
  useLive(event => {
    if (event.type === 'quotaChanged' || event.type === 'decisionMade') reloadSoon(quota.reload);
    // Another coordinator (or the county) changed it: show the new version; the audit trail re-reads with it.
    if (event.type === 'countyChanged' && event.payload.county === adcode && Number(event.payload.version) > (county.data?.version ?? 0)) reloadSoon(county.reload);
  });

  if (county.error) return <section class="page">{picker}<p class="problem" role="alert">{county.error.message}</p></section>;
  const c = county.data;
  if (!c) return <section class="page">{picker}<p aria-busy="true">加载中…</p></section>;
  return (
    <section class="page" data-county={c.adcode}>
      <header class="page-head">
        <div>
          <h1>{c.name}</h1>
          <p class="muted">{c.prefecture.name} · 面积约 {num(c.areaKm2)} 平方公里 · {dateTime(c.updatedAt)} 由 {c.updatedByName ?? c.updatedBy} 更新</p>
        </div>
        {picker}
      </header>
      <div class="split">
        <div class="split-main">
          <CountyFigures key={c.adcode} county={c} reservedEnergy={quota.data?.energyTce.reserved}
            onSaved={updated => { county.setData(updated); void quota.reload(); }} onStale={() => void county.reload()} />
          <CountyAudit adcode={c.adcode} version={c.version} />
        </div>
        <div class="split-side">
          <div class="card">
            <h2>园区</h2>
            <ul class="parks">
              {c.parks.map(p => (
                <li key={p.id}><a href={`#/parks/${encodeURIComponent(p.id)}`}>{p.name}</a>
                  <div class="muted">可用土地 {num(p.availableLandMu.value)} 亩{p.availableLandMu.selfDeclared ? '（县自报，待核实）' : ''}</div></li>
              ))}
              {c.parks.length === 0 && <li class="muted">本县没有登记园区。</li>}
            </ul>
          </div>
          <CountyEvidence county={c} />
        </div>
      </div>
    </section>
  );
}
