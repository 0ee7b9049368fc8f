import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiResponse, download } from '../api';
import { useLoad, type Loaded } from '../hooks';
import { toast } from './Toasts';

// Lists are sorted, filtered and paged by the host (every list endpoint takes sort, order, q, status,
// skip and take and answers the filtered total); the same query with format=xlsx exports every
// filtered row with the screen's columns.

export interface Column<T> {
  key: string;
  label: string;
  /** Sortable on the server under this key. */
  sortable?: boolean;
  numeric?: boolean;
  cell: (row: T) => ComponentChildren;
}

export interface ListState { sort: string; order: 'asc' | 'desc'; skip: number; take: number }

export interface List<T> extends Loaded<{ items: T[]; total: number }> {
  state: ListState;
  sortBy: (key: string) => void;
  page: (skip: number) => void;
  exportXlsx: () => Promise<void>;
}

/** Filters (empty values dropped) and list state as a query string. */
export function listQuery(filters: Record<string, string | null | undefined>, state?: Partial<ListState>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  if (state?.sort) params.set('sort', state.sort);
  if (state?.order) params.set('order', state.order);
  if (state?.skip) params.set('skip', String(state.skip));
  if (state?.take) params.set('take', String(state.take));
  return params;
}

/**
 * A server-side list: <paramref name="load"/> reads one page for a query; the page resets when a filter
 * changes; <c>exportXlsx</c> downloads <paramref name="exportPath"/> with the same filters and order.
 */
export function useList<T>(
  load: (query: URLSearchParams, signal: AbortSignal) => Promise<{ items: T[]; total: number }>,
  filters: Record<string, string | null | undefined>,
  defaults: { sort: string; order: 'asc' | 'desc'; take?: number },
  exportPath: string,
  fileName: string,
): List<T> {
  const [state, setState] = useState<ListState>({ sort: defaults.sort, order: defaults.order, skip: 0, take: defaults.take ?? 20 });
  const filterKey = JSON.stringify(filters);
  useEffect(() => setState(s => (s.skip === 0 ? s : { ...s, skip: 0 })), [filterKey]);
  const query = listQuery(filters, state).toString();
  const loaded = useLoad(signal => load(new URLSearchParams(query), signal), [query]);
  return {
    ...loaded,
    state,
    sortBy: key => setState(s => ({ ...s, skip: 0, sort: key, order: s.sort === key && s.order === 'asc' ? 'desc' : s.sort === key ? 'asc' : defaultOrder(key) })),
    page: skip => setState(s => ({ ...s, skip: Math.max(0, skip) })),
    exportXlsx: async () => {
      const params = listQuery(filters, { sort: state.sort, order: state.order });
      params.set('format', 'xlsx');
      try { await download(`${exportPath}?${params}`, `${fileName}.xlsx`); } catch (e) { toast(`导出失败：${(e as Error).message}`, 'warn'); }
    },
  };
}

// Figures and dates read best largest / newest first; names A→Z.
function defaultOrder(key: string): 'asc' | 'desc' {
  return ['title', 'industry', 'firstContact', 'hostCounty', 'status', 'deadline'].includes(key) ? 'asc' : 'desc';
}

/**
 * Reads a list endpoint that may not page yet: with the host's total header the page is the host's;
 * without it (the whole list came back) the sort and page are applied here, by <paramref name="value"/>.
 */
export async function pageOrWhole<T>(path: string, query: URLSearchParams, value: (row: T, key: string) => string | number, signal: AbortSignal): Promise<{ items: T[]; total: number }> {
  const response = await apiResponse(`${path}?${query}`, { signal });
  const items = (await response.json()) as T[];
  const header = response.headers.get('X-Total-Count');
  if (header !== null) return { items, total: Number(header) };
  const key = query.get('sort');
  const sign = query.get('order') === 'desc' ? -1 : 1;
  const sorted = key ? [...items].sort((a, b) => { const x = value(a, key), y = value(b, key); return (x < y ? -1 : x > y ? 1 : 0) * sign; }) : items;
  const skip = Number(query.get('skip') ?? 0), take = Number(query.get('take') ?? sorted.length);
  return { items: sorted.slice(skip, skip + take), total: sorted.length };
}

export interface DataTableProps<T> {
  list: List<T>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => Record<string, string | undefined>;
  caption: string;
  empty: ComponentChildren;
  /** Rows shown in place of the page (e.g. with live arrivals merged in). */
  rows?: T[];
  /** False where the endpoint has no .xlsx export yet. */
  exportable?: boolean;
}

/** A table with sortable headers, a pager ("第 1–20 条，共 200 条") and an export button. */
export function DataTable<T>({ list, columns, rowKey, rowProps, caption, empty, rows, exportable = true }: DataTableProps<T>) {
  const data = list.data;
  const items = rows ?? data?.items ?? [];
  const { skip, take, sort, order } = list.state;
  const total = data?.total ?? 0;
  return (
    <div class="data-table">
      <div class="table-tools no-print">
        <span class="muted" aria-live="polite" data-total={total}>
          {data ? (total === 0 ? '共 0 条' : `第 ${skip + 1}–${Math.min(skip + items.length, total)} 条，共 ${total} 条`) : '加载中…'}
        </span>
        <span class="spacer" />
        {exportable && <button type="button" onClick={() => void list.exportXlsx()} data-action="export">导出 Excel</button>}
        <button type="button" onClick={() => print()}>打印</button>
      </div>
      {list.error && <p class="problem" role="alert">{list.error.message}</p>}
      <table class="list responsive">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map(c => (
              <th key={c.key} scope="col" class={c.numeric ? 'num' : undefined}
                aria-sort={sort === c.key ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
                {c.sortable
                  ? <button type="button" class="sort" data-sort={c.key} onClick={() => list.sortBy(c.key)}>
                      {c.label}<span class="arrow" aria-hidden="true">{sort === c.key ? (order === 'asc' ? '▲' : '▼') : '↕'}</span>
                    </button>
                  : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map(row => (
            <tr key={rowKey(row)} {...(rowProps?.(row) ?? {})}>
              {columns.map(c => <td key={c.key} data-label={c.label} data-col={c.key} class={c.numeric ? 'num' : undefined}>{c.cell(row)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {data && items.length === 0 && <p class="empty">{empty}</p>}
      {total > take && (
        <nav class="pager no-print" aria-label="翻页">
          <button type="button" disabled={skip === 0} onClick={() => list.page(skip - take)}>上一页</button>
          <span>第 {Math.floor(skip / take) + 1} / {Math.ceil(total / take)} 页</span>
          <button type="button" disabled={skip + take >= total} onClick={() => list.page(skip + take)} data-action="next">下一页</button>
        </nav>
      )}
    </div>
  );
}
