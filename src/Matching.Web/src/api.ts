import { getSession, signOut } from './session';
import type { Problem } from './types';
import { plain } from './format';

/** A rejected call: the host's ProblemDetails (status, title, detail, errors keyed by JSON field). */
export class ApiError extends Error {
  constructor(public readonly status: number, public readonly problem: Problem) {
    super(plain(problem.detail || problem.title || `HTTP ${status}`));
  }

  /** Field errors flattened to one message per field, e.g. { "commitments": "…" }. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [field, messages] of Object.entries(this.problem.errors ?? {})) out[normalizeField(field)] = plain(messages.join(' '));
    return out;
  }
}

/** Error keys as the host writes them (camelCase paths; model binding may capitalise the first letter). */
function normalizeField(field: string): string {
  return field.replace(/^\$\./, '').split('.').map(p => p.charAt(0).toLowerCase() + p.slice(1)).join('.');
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** A file sent as the raw body (an upload), instead of a JSON body. */
  file?: Blob;
  /** ETag-style version for If-Match. */
  ifMatch?: number;
  signal?: AbortSignal;
}

/** Calls the host's API with the bearer token; resolves with the JSON body (undefined for 204). */
export async function api<T>(path: string, options: CallOptions = {}): Promise<T> {
  const response = await request(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** One page of a list endpoint: the rows and the filtered total (header X-Total-Count). */
export async function apiPage<T>(path: string, options: CallOptions = {}): Promise<{ items: T[]; total: number }> {
  const response = await request(path, options);
  const items = (await response.json()) as T[];
  const total = Number(response.headers.get('X-Total-Count') ?? items.length);
  return { items, total };
}

/** Downloads a file the API writes (an .xlsx export), with the bearer token, under the server's file name. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await request(path, { headers: { Accept: '*/*' } });
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition) ?? /filename="?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The raw response of a successful call (for headers such as X-Total-Count); errors as for api(). */
export function apiResponse(path: string, options: CallOptions = {}): Promise<Response> {
  return request(path, options);
}

async function request(path: string, options: CallOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const session = getSession();
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.file) headers['Content-Type'] = options.file.type || 'application/octet-stream';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, { title: '无法连接服务器', detail: '网络中断或服务器未运行，请稍后重试。' });
  }

  if (response.status === 401 && session && path !== '/api/auth/token') {
    signOut('登录已过期或无效，请重新登录。');
  }
  if (!response.ok) {
    let problem: Problem = { status: response.status, title: `HTTP ${response.status}` };
    try {
      const text = await response.text();
      if (text) problem = { ...problem, ...(JSON.parse(text) as Problem) };
      if (problem.detail) problem.detail = plain(problem.detail);
    } catch { /* not JSON */ }
    if (response.status === 403 && !problem.detail) problem.detail = '当前账号的角色无权执行此操作。';
    throw new ApiError(response.status, problem);
  }
  return response;
}

/** A fresh idempotency key for one submission (retries of the same submission reuse it). */
export function newKey(): string {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
