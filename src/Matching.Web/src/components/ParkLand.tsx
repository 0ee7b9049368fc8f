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

/**
 * A park's available land on the county's profile: shown as declared versus in force, and edited by the county
 * (PUT /api/parks/{id}/land; self-declared until a coordinator verifies it in the evidence queue).
 */
export function ParkLand({ park, editable, onSaved }: { park: ParkSummary; editable: boolean; onSaved: () => void }) {
  const [value, setValue] = useState<number | null>(park.availableLandMu.value);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = `park-land-${park.id}`;

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true); setError(undefined);
    try {
      await api(`/api/parks/${park.id}/land`, { method: 'PUT', body: { availableLandMu: value } });
      toast(`${park.name}可用土地已申报，待省级核实`, 'success');
      onSaved();
    } catch (x) {
      setError(x instanceof ApiError ? (x.fieldErrors.availableLandMu ?? x.problem.detail ?? x.problem.title) : (x as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="park-land">
      <span class="muted">可用土地 {parkLandLabel(park.availableLandMu)}</span>
      {park.availableLandMu.selfDeclared && <span class="tag">待核实</span>}
      {editable && (
        <form class="inline" onSubmit={save} noValidate>
          <label class="sr-only" for={id}>{park.name} 可用土地（亩）</label>
          <input id={id} type="number" min="0" step="any" value={value ?? ''} aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onInput={e => setValue(numberOrNull((e.target as HTMLInputElement).value))} />
          <span class="unit">亩</span>
          <button type="submit" disabled={busy}>{busy ? '保存中…' : '申报可用土地'}</button>
          {error && <p class="field-error" id={`${id}-error`} role="alert">{error}</p>}
        </form>
      )}
    </div>
  );
}
