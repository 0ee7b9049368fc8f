import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import type { Industry, IndustryMatch } from '../types';

const levelLabels: Record<string, string> = { section: '门类', division: '大类', group: '中类', class: '小类' };

export interface IndustryValue { code: string; name: string }

export interface IndustryPickerProps {
  id: string;
  value: IndustryValue | null;
  onChange: (value: IndustryValue, phrase: string) => void;
  invalid?: boolean;
  describedBy?: string;
  /** Accept any level (county featured industries) or only 4-digit classes (projects). */
  classOnly?: boolean;
}

/**
 * GB/T 4754-2017 picker: type a Chinese phrase (光伏, 新能源汽车), a name or a code; the host's
 * phrasebook and the standard's names answer (GET /api/industries?q=). Choosing a division or group
 * opens its children so that a 4-digit class can be reached. Arrow keys move, Enter chooses, Esc closes.
 */
export function IndustryPicker({ id, value, onChange, invalid, describedBy, classOnly = true }: IndustryPickerProps) {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<IndustryMatch[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [note, setNote] = useState('');
  const timer = useRef<number>();
  const request = useRef(0);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  function search(q: string) {
    setQuery(q);
    window.clearTimeout(timer.current);
    if (q.trim().length === 0) { setItems([]); setOpen(false); return; }
    timer.current = window.setTimeout(async () => {
      const mine = ++request.current;
      try {
        const result = await api<{ matches: IndustryMatch[] }>(`/api/industries?q=${encodeURIComponent(q.trim())}&limit=30`);
        if (mine !== request.current) return;
        setItems(result.matches);
        setActive(0);
        setOpen(true);
        setNote(result.matches.length === 0 ? `没有找到“${q}”对应的行业，请换个说法或输入代码。` : '');
      } catch (e) {
        if (mine === request.current) setNote((e as Error).message);
      }
    }, 200);
  }

  async function choose(item: IndustryMatch) {
    if (!classOnly || item.level === 'class') {
      onChange({ code: item.code, name: item.name }, query.trim());
      setOpen(false);
      setNote('');
      return;
    }
    // Drill down to the children of a section, division or group.
    const line = await api<Industry>(`/api/industries/${encodeURIComponent(item.code)}`);
    const levels = ['section', 'division', 'group', 'class'];
    const childLevel = levels[levels.indexOf(item.level) + 1] as IndustryMatch['level'];
    setItems(line.children.map(c => ({ code: c.code, name: c.name, level: childLevel, description: '', via: 'child' })));
    setActive(0);
    setNote(`${item.code} ${item.name}：请选择下一级（项目须选到 4 位小类）`);
  }

  function onKey(e: KeyboardEvent) {
    if (!open || items.length === 0) {
      if (e.key === 'ArrowDown' && items.length > 0) { setOpen(true); e.preventDefault(); }
      return;
    }
    if (e.key === 'ArrowDown') { setActive(a => Math.min(a + 1, items.length - 1)); e.preventDefault(); }
    else if (e.key === 'ArrowUp') { setActive(a => Math.max(a - 1, 0)); e.preventDefault(); }
    else if (e.key === 'Enter') { void choose(items[active]); e.preventDefault(); }
    else if (e.key === 'Escape') { setOpen(false); e.preventDefault(); }
  }

  const listId = `${id}-list`;
  return (
    <div class="picker">
      <div class="picker-current" aria-live="polite">
        {value ? <><code>{value.code}</code> {value.name}</> : <span class="muted">尚未选择行业</span>}
      </div>
      <input id={id} type="search" role="combobox" autocomplete="off" placeholder="输入中文说法、名称或代码，如：光伏、新能源汽车、3612"
        value={query} onInput={e => search((e.target as HTMLInputElement).value)} onKeyDown={onKey}
        onFocus={() => items.length > 0 && setOpen(true)}
        aria-expanded={open} aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={open && items[active] ? `${listId}-${items[active].code}` : undefined}
        aria-invalid={invalid ? 'true' : undefined} aria-describedby={describedBy} />
      {note && <p class="hint">{note}</p>}
      {open && items.length > 0 && (
        <ul class="picker-list" id={listId} role="listbox">
          {items.map((item, i) => (
            <li key={item.code} id={`${listId}-${item.code}`} role="option" aria-selected={i === active}
              class={i === active ? 'active' : ''} onMouseDown={e => { e.preventDefault(); void choose(item); }}>
              <code>{item.code}</code> {item.name}
              <span class="level">{levelLabels[item.level] ?? item.level}{item.via === 'phrase' ? ' · 常用说法' : ''}{classOnly && item.level !== 'class' ? ' ›' : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
