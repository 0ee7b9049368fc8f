import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { useLoad } from '../hooks';
import { dateTime, personName } from '../format';
import { useCountyNames } from './CountySelect';

/** One line of GET /api/counties/{adcode}/evidence/audit. */
export interface AuditEntry { sequence: number; itemId: string; action: string; actor: string; at: string; statement: string; note?: string | null }
export interface AuditPage { entries: AuditEntry[]; total: number }

export const auditActionLabels: Record<string, string> = {
  declared: '县申报', verified: '核实', rejected: '不予采信', replaced: '被替换', recorded: '平台记录', set: '协调员设定', withdrawn: '县撤回申报',
  placed: '协调员落位', moved: '协调员改落位',
};

const pageSize = 20;

/**
 * A county's evidence and figures audit trail, newest first, paged by the host by sequence (`before`): who declared,
 * verified, rejected, set or withdrew what, when. <paramref name="version"/> re-reads the first page when the county changes.
 */
export function CountyAudit({ adcode, version }: { adcode: string; version: number }) {
  // The cursors of the pages shown so far: [undefined] is the newest page; each "较早" pushes the last sequence shown.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  const page = useLoad(signal => api<AuditPage>(`/api/counties/${adcode}/evidence/audit?take=${pageSize}${before ? `&before=${before}` : ''}`, { signal }),
    [adcode, version, before]);
  const countyName = useCountyNames();
  // A change of the county starts again from its newest entries.
  useEffect(() => setCursors(c => (c.length === 1 ? c : [undefined])), [adcode, version]);

  const data = page.data;
  const last = data?.entries[data.entries.length - 1];
  const shownBefore = (cursors.length - 1) * pageSize;
  return (
    <div class="card county-audit">
      <h2>审核记录</h2>
      <p class="muted">本县产业证据与指标、政策标记的每一次申报、核实、不予采信和协调员设定，最新的在前。</p>
      {page.error && <p class="problem" role="alert">{page.error.message}</p>}
      {!data ? <p aria-busy="true">加载中…</p> : data.entries.length === 0 ? <p class="muted">暂无记录。</p> : (
        <>
          <p class="muted" aria-live="polite" data-total={data.total}>第 {shownBefore + 1}–{shownBefore + data.entries.length} 条，共 {data.total} 条</p>
          <ol class="audit" data-total={data.total}>
            {data.entries.map(e => (
              <li key={e.sequence} data-action={e.action} data-item={e.itemId} data-sequence={e.sequence}>
                <strong>{auditActionLabels[e.action] ?? e.action}</strong> · {personName(e.actor, countyName)} {dateTime(e.at)} · {e.statement}{e.note ? `（说明：${e.note}）` : ''}
              </li>
            ))}
          </ol>
        </>
      )}
      {data && (cursors.length > 1 || shownBefore + data.entries.length < data.total) && (
        <nav class="pager no-print" aria-label="审核记录翻页">
          <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>较新的记录</button>
          <button type="button" data-action="older" disabled={!last || shownBefore + data.entries.length >= data.total}
            onClick={() => last && setCursors([...cursors, last.sequence])}>较早的记录</button>
        </nav>
      )}
    </div>
  );
}
