import { useEffect, useState } from 'preact/hooks';
import { byPrefecture, loadCounties } from '../reference';
import type { CountySummary } from '../types';

export interface CountySelectProps {
  id: string;
  value: string | null | undefined;
  onChange: (adcode: string | null) => void;
  /** Only these adcodes (e.g. the bidders); all 136 otherwise. */
  only?: string[];
  emptyLabel?: string;
  invalid?: boolean;
  describedBy?: string;
}

/** The 136 counties grouped by prefecture (or a subset), as a native select: keyboard-usable everywhere. */
export function CountySelect({ id, value, onChange, only, emptyLabel = '（不指定）', invalid, describedBy }: CountySelectProps) {
  const [counties, setCounties] = useState<CountySummary[]>([]);
  useEffect(() => { loadCounties().then(setCounties, () => undefined); }, []);
  const list = only ? counties.filter(c => only.includes(c.adcode)) : counties;
  return (
    <select id={id} value={value ?? ''} onChange={e => onChange((e.target as HTMLSelectElement).value || null)}
      aria-invalid={invalid ? 'true' : undefined} aria-describedby={describedBy}>
      <option value="">{emptyLabel}</option>
      {byPrefecture(list).map(g => (
        <optgroup key={g.adcode} label={g.name}>
          {g.counties.map(c => <option key={c.adcode} value={c.adcode}>{c.name}（{c.adcode}）</option>)}
        </optgroup>
      ))}
    </select>
  );
}

/** Name of a county from the cached list (adcode until it loads). */
export function useCountyNames(): (adcode: string | null | undefined) => string {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => { loadCounties().then(list => setNames(new Map(list.map(c => [c.adcode, c.name]))), () => undefined); }, []);
  return adcode => (adcode ? names.get(adcode) ?? adcode : '—');
}
