import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { toast } from '../../components/Toasts';
import { dateTime } from '../../format';
import { reloadSoon, useLive, useLoad } from '../../hooks';

/** A row of GET /api/parks/chemical-candidates: a likely chemical park with its evidence and the coordinators' flag. */
interface CandidateRow {
  parkId: string; parkName: string; level: string; county: string; countyName: string; prefecture: string; mainIndustries: string;
  evidence: string; source: string; year: number; recognised: boolean | null; flaggedBy?: string | null; flaggedByName?: string | null;
  flaggedAt?: string | null; version: number;
}

const levelNames: Record<string, string> = { national: '国家级', provincial: '省级', other: '其他' };

function standing(r: CandidateRow): { text: string; kind: string } {
  if (r.recognised === true) return { text: '已认定化工园区', kind: 'ok' };
  if (r.recognised === false) return { text: '非认定化工园区', kind: 'muted' };
  return { text: '待认定', kind: 'warn' };
}

/**
 * 化工园区待认定 (#/chemical-parks): the likely chemical parks seeded as evidence (a catalogued zone whose name or 主导产业 says
 * 化工, 石化 …), together with their evidence, for a coordinator to flag each as recognised or not (PUT /api/parks/{id}/chemical-park).
 * Another coordinator's flag arrives live (parkChanged) and the list re-reads.
 */
export function ChemicalParkCandidates() {
  const list = useLoad(signal => api<CandidateRow[]>('/api/parks/chemical-candidates', { signal }), []);
  const [busy, setBusy] = useState<string | null>(null);
  useLive(event => {
    if (event.type !== 'parkChanged') return;
    const row = list.data?.find(r => r.parkId === event.payload.park);
    if (row && Number(event.payload.version) > row.version) reloadSoon(list.reload);
  });

  async function flag(row: CandidateRow, recognised: boolean) {
    setBusy(row.parkId);
    try {
      await api(`/api/parks/${encodeURIComponent(row.parkId)}/chemical-park`, { method: 'PUT', body: { recognised } });
      toast(`${row.parkName}：${recognised ? '已认定为化工园区' : '已标记为非认定化工园区'}，匹配即时生效`, 'success');
      await list.reload();
    } catch (x) {
      toast(x instanceof ApiError ? x.message : (x as Error).message, 'warn');
    } finally {
      setBusy(null);
    }
  }

  const rows = list.data ?? [];
  const pending = rows.filter(r => r.recognised === null).length;
  return (
    <section class="page">
      <header class="page-head">
        <div>
          <h1>化工园区待认定</h1>
          <p class="muted">
            开发区目录中名称或主导产业含“化工、石化、炼化、化学”、但不在已收录的认定化工园区名单上的园区。新建化工项目只能落在认定化工园区：
            待认定的园区所在县仍参与匹配，理由中注明“化工园区待认定”并扣分。请逐一核实：认定后不再附条件，标记为非认定后该县不再承接新建化工项目。
          </p>
        </div>
      </header>
      {list.error && <p class="problem" role="alert">{list.error.message}</p>}
      {list.data && <p class="muted" data-pending={pending}>共 {rows.length} 个园区，{pending} 个待认定。</p>}
      <div class="data-table">
        <table class="list chemical-candidates">
          <caption class="sr-only">化工园区待认定</caption>
          <thead>
            <tr><th>园区</th><th>县（市、区）</th><th>地级市</th><th>主导产业</th><th>证据</th><th>认定状态</th><th class="no-print">核实</th></tr>
          </thead>
          <tbody>
            {rows.map(r => {
              const s = standing(r);
              return (
                <tr key={r.parkId} data-park={r.parkId} data-recognised={r.recognised === null ? 'pending' : String(r.recognised)}>
                  <td><a href={`#/parks/${encodeURIComponent(r.parkId)}`}>{r.parkName}</a> <span class="tag">{levelNames[r.level] ?? r.level}</span></td>
                  <td><a href={`#/counties/${r.county}`}>{r.countyName}</a></td>
                  <td>{r.prefecture}</td>
                  <td>{r.mainIndustries || '—'}</td>
                  <td class="evidence"><span>{r.evidence}</span><br /><small class="muted">来源：{r.source}（{r.year} 年）</small></td>
                  <td class="standing">
                    <span class={`tag ${s.kind}`}>{s.text}</span>
                    {r.recognised !== null && (r.flaggedBy
                      ? <small class="muted"><br />{r.flaggedByName ?? r.flaggedBy} · {dateTime(r.flaggedAt)}</small>
                      : <small class="muted"><br />协调员</small>)}
                  </td>
                  <td class="no-print flag-actions">
                    <button type="button" disabled={busy === r.parkId || r.recognised === true} onClick={() => void flag(r, true)} aria-label={`认定${r.parkName}为化工园区`}>认定</button>
                    <button type="button" disabled={busy === r.parkId || r.recognised === false} onClick={() => void flag(r, false)} aria-label={`标记${r.parkName}为非认定化工园区`}>不予认定</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {list.loading && !list.data && <p class="muted">载入中…</p>}
    </section>
  );
}
