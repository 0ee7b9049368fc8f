import { api } from '../../api';
import { useLoad } from '../../hooks';
import { dateTime, parkLevelLabels, personName } from '../../format';
import { useCountyNames } from '../../components/CountySelect';
import { ParkLand } from '../../components/ParkLand';
import { ParkPlacement } from '../../components/ParkPlacement';
import type { CountyRef, Figure } from '../../types';

interface Park {
  id: string; name: string; level: string; type: string; prefectureName: string; county?: CountyRef | null;
  mainIndustriesText: string; availableLandMu: Figure; version: number;
  placement: string; placed?: { countyAdcode: string; by: string; at: string } | null;
}
interface AuditEntry { sequence: number; itemId: string; action: string; actor: string; at: string; statement: string; note?: string | null }
interface AuditPage { entries: AuditEntry[]; total: number }

const actionLabels: Record<string, string> = {
  declared: '县申报', verified: '核实', rejected: '不予采信', replaced: '被替换', recorded: '平台记录', set: '协调员设定', withdrawn: '县撤回申报',
  placed: '协调员落位', moved: '协调员改落位',
};

/**
 * A park's own page for coordinators (#/parks/{id}): its available land with the county's pending declaration, which a
 * coordinator verifies or rejects here as in the evidence queue, or sets directly (in force at once); and the land's audit trail.
 */
export function ParkPage({ id }: { id: string }) {
  const park = useLoad(signal => api<Park>(`/api/parks/${encodeURIComponent(id)}`, { signal }), [id]);
  const audit = useLoad(signal => api<AuditPage>(`/api/parks/${encodeURIComponent(id)}/land/audit?take=50`, { signal }), [id]);
  const countyName = useCountyNames();

  if (park.error) return <section class="page"><p class="problem" role="alert">{park.error.message}</p></section>;
  const p = park.data;
  if (!p) return <section class="page"><p aria-busy="true">加载中…</p></section>;
  return (
    <section class="page" data-park={p.id}>
      <header class="page-head">
        <div>
          <h1>{p.name}</h1>
          <p class="muted">{parkLevelLabels[p.level] ?? p.level} · {p.type} · {p.prefectureName}{p.county ? ` ${p.county.name}` : '（未落位到县）'} · 主导产业 {p.mainIndustriesText || '—'}</p>
        </div>
      </header>
      <div class="card" data-placement={p.placement}>
        <h2>所在县区</h2>
        {p.county ? (
          <p data-placed-in={p.county.adcode}>{p.county.name}{p.placed ? `：已核实，${personName(p.placed.by, countyName)} ${dateTime(p.placed.at)} 从待落位园区落位` : '（开发区目录）'}</p>
        ) : (
          <ParkPlacement park={p} onPlaced={() => { void park.reload(); void audit.reload(); }} onStale={() => void park.reload()} />
        )}
      </div>
      <div class="card">
        <h2>可用土地</h2>
        <ParkLand key={`${p.id}-${p.version}`} park={p} editable coordinator onSaved={() => { void park.reload(); void audit.reload(); }} />
      </div>
      <div class="card">
        <h2>审核记录</h2>
        {!audit.data ? <p aria-busy="true">加载中…</p> : audit.data.entries.length === 0 ? <p class="muted">暂无记录。</p> : (
          <ol class="audit" data-total={audit.data.total}>
            {audit.data.entries.map(e => (
              <li key={e.sequence} data-action={e.action}>
                <strong>{actionLabels[e.action] ?? e.action}</strong> · {personName(e.actor, countyName)} {dateTime(e.at)} · {e.statement}{e.note ? `（说明：${e.note}）` : ''}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
