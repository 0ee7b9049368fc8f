import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { useLoad } from '../../hooks';
import { dateTime, personName } from '../../format';
import { useCountyNames } from '../../components/CountySelect';
import type { EvidenceView } from '../../types';
import { toast } from '../../components/Toasts';

interface Queued { adcode: string; countyName: string; item: EvidenceView }
interface QueuePage { items: Queued[]; total: number }

/** The coordinators' verification queue: items counties declared (and roster classes), oldest first; verify or reject each with a note. */
export function EvidenceQueue() {
  const queue = useLoad(signal => api<QueuePage>('/api/evidence/queue?take=200', { signal }), []);
  const countyName = useCountyNames();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function review(q: Queued, verified: boolean) {
    const key = `${q.adcode}/${q.item.id}`;
    setErrors({ ...errors, [key]: '' });
    try {
      await api(`/api/counties/${q.adcode}/evidence/${q.item.id}/review`, { method: 'POST', body: { verified, note: notes[key] || null } });
      toast(`${q.countyName}：${verified ? '已核实' : '不予采信'}`, 'success');
      await queue.reload();
    } catch (x) {
      setErrors({ ...errors, [key]: x instanceof ApiError ? Object.values(x.fieldErrors)[0] ?? x.message : (x as Error).message });
    }
  }

  if (queue.error) return <section class="page"><p class="problem" role="alert">{queue.error.message}</p></section>;
  const page = queue.data;
  return (
    <section class="page">
      <header class="page-head"><div><h1>证据核实</h1><p class="muted">县级自报的产业证据与企业名录，核实前按一半权重计入匹配；不予采信须写明理由。审核记录永久保存。</p></div></header>
      {!page ? <p aria-busy="true">加载中…</p> : page.items.length === 0 ? <p class="muted">没有待核实的证据。</p> : (
        <>
          <p class="muted">待核实 {page.total} 条{page.total > page.items.length ? `（显示最早的 ${page.items.length} 条）` : ''}</p>
          <ul class="queue">
            {page.items.map(q => {
              const key = `${q.adcode}/${q.item.id}`;
              return (
                <li key={key} class="card" data-county={q.adcode} data-item={q.item.id!}>
                  <strong>{q.countyName}</strong> · {q.item.statement}
                  {q.item.id?.startsWith('park.') && <> · <a href={`#/parks/${encodeURIComponent(q.item.id.slice('park.'.length))}`} data-action="open-park">查看园区</a></>}
                  <div class="muted">行业 {q.item.industries.map(i => `${i.code} ${i.name}`).join('、')} · {q.item.year} 年 · 来源：{q.item.source} · 申报人 {personName(q.item.declaredBy, countyName)} {dateTime(q.item.declaredAt)} · 权重 {q.item.weight}</div>
                  <div class="inline">
                    <label class="sr-only" for={`note-${key}`}>核实说明</label>
                    <input id={`note-${key}`} placeholder="核实说明（不予采信时必填）" value={notes[key] ?? ''} onInput={e => setNotes({ ...notes, [key]: (e.target as HTMLInputElement).value })} />
                    <button type="button" class="primary" onClick={() => review(q, true)}>核实</button>
                    <button type="button" onClick={() => review(q, false)}>不予采信</button>
                  </div>
                  {errors[key] && <p class="field-error" role="alert">{errors[key]}</p>}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
