import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { loadCounties } from '../reference';
import { CountySelect } from './CountySelect';
import { Field, ProblemBox } from './Field';
import { toast } from './Toasts';

/**
 * A coordinator places a holding-list park into a county (PUT /api/parks/{id}/county with If-Match): in force at once, kept
 * over the catalogue, audited; matching counts the park in that county from the next match on. The counties of the park's
 * prefecture come first. The host's messages are shown under the field; a stale version is re-read.
 */
export function ParkPlacement({ park, onPlaced, onStale }: {
  park: { id: string; name: string; prefectureName: string; version: number }; onPlaced: () => void; onStale: () => void;
}) {
  const [county, setCounty] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<{ title?: string; detail?: string }>({});
  const [busy, setBusy] = useState(false);
  const [sameCity, setSameCity] = useState<string[]>([]);
  useEffect(() => {
    loadCounties().then(list => setSameCity(list.filter(c => c.prefectureName === park.prefectureName).map(c => c.adcode)), () => undefined);
  }, [park.prefectureName]);

  async function place(e: Event) {
    e.preventDefault();
    setError(undefined); setProblem({});
    if (!county) { setError('请选择园区所在的县（市、区）。'); return; }
    setBusy(true);
    try {
      await api(`/api/parks/${encodeURIComponent(park.id)}/county`, { method: 'PUT', ifMatch: park.version, body: { county } });
      toast(`${park.name}已落位，匹配即时按新县区计入`, 'success');
      onPlaced();
    } catch (x) {
      if (x instanceof ApiError) {
        setError(x.fieldErrors.county);
        setProblem({
          title: x.status === 412 ? '园区已被他人修改' : x.problem.title,
          detail: x.status === 412 ? '已为你载入最新资料，请核对后重新落位。' : x.problem.detail,
        });
        if (x.status === 412) onStale();
      } else setProblem({ title: '落位失败', detail: (x as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form park-placement" onSubmit={place} noValidate>
      <p class="muted">开发区目录未注明该园区所在县（市、区），匹配暂不计入任何县。核实后在此落位：即时生效，记入审核记录，此后种子数据不会覆盖。</p>
      <ProblemBox {...problem} />
      <Field id="park-county" label="所在县（市、区）" error={error} hint={`${park.prefectureName}的县区排在前面`}>
        <CountySelect id="park-county" value={county} onChange={c => { setCounty(c); setError(undefined); }} first={sameCity} firstLabel={park.prefectureName} emptyLabel="选择县区…"
          invalid={!!error} describedBy={error ? 'park-county-error' : 'park-county-hint'} />
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{busy ? '落位中…' : '确认落位'}</button>
      </div>
    </form>
  );
}
