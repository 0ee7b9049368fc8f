import { useEffect, useState } from 'preact/hooks';
import { byPrefecture, countyLabeller, loadCounties } from '../reference';
import type { CountySummary } from '../types';

export interface CountySelectProps {
  id: string;
  value: string | null | undefined;
  onChange: (adcode: string | null) => void;
  /** Only these adcodes; all 136 otherwise. */
  only?: string[];
  /** Listed first, in a group of their own (e.g. the bidders in a decision form). */
  first?: string[];
  firstLabel?: string;
  emptyLabel?: string;
  invalid?: boolean;
  describedBy?: string;
}

/**
 * The counties grouped by prefecture, with a search box that narrows the list (by county or prefecture
 * name, or pinyin-free partial names such as "市中"); a native select underneath, usable by keyboard.
 */
export function CountySelect({ id, value, onChange, only, first, firstLabel = '意向县', emptyLabel = '（不指定）', invalid, describedBy }: CountySelectProps) {
  const [counties, setCounties] = useState<CountySummary[]>([]);
  const [filter, setFilter] = useState('');
  useEffect(() => { loadCounties().then(setCounties, () => undefined); }, []);
  const label = countyLabeller(counties);
  const text = filter.trim();
  const list = (only ? counties.filter(c => only.includes(c.adcode)) : counties)
    .filter(c => !text || c.adcode === value || label(c).includes(text) || c.prefectureName.includes(text));
  const leading = first ? list.filter(c => first.includes(c.adcode)) : [];
  const rest = first ? list.filter(c => !first.includes(c.adcode)) : list;
  const searchable = !only || only.length > 12;
  return (
    <span class="county-select">
      {searchable && (
        <input id={`${id}-search`} type="search" class="county-search" placeholder="搜索县区或地市" value={filter}
          aria-label="搜索县区" aria-controls={id} onInput={e => setFilter((e.target as HTMLInputElement).value)} />
      )}
      <select id={id} value={value ?? ''} onChange={e => onChange((e.target as HTMLSelectElement).value || null)}
        aria-invalid={invalid ? 'true' : undefined} aria-describedby={describedBy}>
        <option value="">{text && list.length === 0 ? '没有匹配的县区' : emptyLabel}</option>
        {leading.length > 0 && (
          <optgroup label={firstLabel}>{leading.map(c => <option key={c.adcode} value={c.adcode}>{label(c)}</option>)}</optgroup>
        )}
        {byPrefecture(rest).map(g => (
          <optgroup key={g.adcode} label={g.name}>
            {g.counties.map(c => <option key={c.adcode} value={c.adcode}>{label(c)}</option>)}
          </optgroup>
        ))}
      </select>
    </span>
  );
}

/** Name of a county from the cached list, with its prefecture where ambiguous ("…" until it loads). */
export function useCountyNames(): (adcode: string | null | undefined) => string {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    loadCounties().then(list => {
      const label = countyLabeller(list);
      setNames(new Map(list.map(c => [c.adcode, label(c)])));
    }, () => undefined);
  }, []);
  return adcode => (adcode ? names.get(adcode) ?? (names.size === 0 ? '…' : '未知县区') : '—');
}
