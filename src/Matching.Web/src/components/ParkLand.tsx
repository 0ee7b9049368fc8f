import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { num, sourceLabels } from '../format';
import type { Figure, ParkSummary } from '../types';
import { numberOrNull } from './Field';
import { toast } from './Toasts';

/** Says whether a park's land is the county's own value awaiting verification, and which value matching uses meanwhile. */
export function parkLandLabel(f: Figure): string {
  if (f.selfDeclared) return `县自报 ${num(f.value)} 亩，待核实（匹配和预留按 ${num(f.inForce ?? f.value)} 亩计）`;
  return `${num(f.value)} 亩（${sourceLabels[f.source]}${f.source === 'county' ? '，已核实' : ''}）`;
}

function problemText(x: unknown, field: string): string {
  return x instanceof ApiError ? (x.fieldErrors[field] ?? x.problem.detail ?? x.problem.title ?? x.message) : (x as Error).message;
}

/**
 * A park's available land: shown as declared versus in force; edited by the county (PUT /api/parks/{id}/land,
 * self-declared until verified) or, with `coordinator`, set by a coordinator (in force at once), who also verifies
 * or rejects a pending declaration here (POST /api/parks/{id}/land/review), as in the evidence queue.
 */
export function ParkLand({ park, editable, coordinator, onSaved }: {
  park: Pick<ParkSummary, 'id' | 'name' | 'availableLandMu'>; editable: boolean; coordinator?: boolean; onSaved: () => void;
}) {
  const [value, setValue] = useState<number | null>(park.availableLandMu.value);
  const [error, setError] = useState<string>();
  const [note, setNote] = useState('');
  const [reviewError, setReviewError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = `park-land-${park.id}`;
  const pending = !!park.availableLandMu.selfDeclared;

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true); setError(undefined);
    try {
      await api(`/api/parks/${park.id}/land`, { method: 'PUT', body: { availableLandMu: value } });
      toast(coordinator ? `${park.name}可用土地已设定，即时生效` : `${park.name}可用土地已申报，待省级核实`, 'success');
      onSaved();
    } catch (x) {
      setError(problemText(x, 'availableLandMu'));
    } finally {
      setBusy(false);
    }
  }

  async function review(verified: boolean) {
    setBusy(true); setReviewError(undefined);
    try {
      await api(`/api/parks/${park.id}/land/review`, { method: 'POST', body: { verified, note: note || null } });
      toast(`${park.name}可用土地：${verified ? '已核实' : '不予采信'}`, 'success');
      setNote('');
      onSaved();
    } catch (x) {
      setReviewError(problemText(x, 'note'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="park-land">
      <span class="muted">可用土地 {parkLandLabel(park.availableLandMu)}</span>
      {pending && <span class="tag">待核实</span>}
      {coordinator && pending && (
        <div class="inline" data-action="review-land">
          <label class="sr-only" for={`${id}-note`}>核实说明</label>
          <input id={`${id}-note`} placeholder="核实说明（不予采信时必填）" value={note} aria-invalid={reviewError ? true : undefined}
            aria-describedby={reviewError ? `${id}-review-error` : undefined}
            onInput={e => setNote((e.target as HTMLInputElement).value)} />
          <button type="button" class="primary" disabled={busy} onClick={() => review(true)}>核实</button>
          <button type="button" disabled={busy} onClick={() => review(false)}>不予采信</button>
          {reviewError && <p class="field-error" id={`${id}-review-error`} role="alert">{reviewError}</p>}
        </div>
      )}
      {editable && (
        <form class="inline" onSubmit={save} noValidate>
          <label class="sr-only" for={id}>{park.name} 可用土地（亩）</label>
          <input id={id} type="number" min="0" step="any" value={value ?? ''} aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onInput={e => setValue(numberOrNull((e.target as HTMLInputElement).value))} />
          <span class="unit">亩</span>
          <button type="submit" disabled={busy}>{busy ? '保存中…' : coordinator ? '设定可用土地' : '申报可用土地'}</button>
          {error && <p class="field-error" id={`${id}-error`} role="alert">{error}</p>}
        </form>
      )}
    </div>
  );
}
