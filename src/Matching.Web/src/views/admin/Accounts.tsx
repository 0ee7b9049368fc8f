import { useEffect, useState } from 'preact/hooks';
import { api, apiPage, ApiError } from '../../api';
import { DataTable, useList, type Column } from '../../components/DataTable';
import { ConfirmDialog } from '../../components/Dialog';
import { describedBy, Field, ProblemBox } from '../../components/Field';
import { CountySelect, useCountyNames } from '../../components/CountySelect';
import { toast } from '../../components/Toasts';
import { roleLabels } from '../../format';
import { byPrefecture, loadCounties } from '../../reference';
import { getSession } from '../../session';
import type { AccountSummary, AccountView, Role } from '../../types';
import { passwordRules } from './passwordRules';

const roles: Role[] = ['officer', 'county', 'prefecture', 'coordinator', 'admin'];

/**
 * Accounts (admins only; the API refuses everyone else): the list in user-name order, filtered by role
 * and by user or display name, paged by the host, each with whether it is disabled; creating an account;
 * disabling and enabling one with a reason (kept in the account's audit).
 */
export function Accounts() {
  const [role, setRole] = useState('');
  const [q, setQ] = useState('');
  const [text, setText] = useState('');
  const [changing, setChanging] = useState<AccountSummary | null>(null);
  const list = useList<AccountSummary>((query, signal) => {
    // The list is always in user-name order; the host takes no sort.
    query.delete('sort');
    query.delete('order');
    return apiPage<AccountSummary>(`/api/accounts?${query}`, { signal });
  }, { role, q: text }, { sort: 'userName', order: 'asc' }, '/api/accounts', '账号');
  const countyName = useCountyNames();
  const [prefectures, setPrefectures] = useState<Map<string, string>>(new Map());
  useEffect(() => { loadCounties().then(c => setPrefectures(new Map(byPrefecture(c).map(g => [g.adcode, g.name]))), () => undefined); }, []);
  const me = getSession()?.user.userName;

  const scope = (a: AccountSummary) => !a.adcode ? '—' : a.role === 'prefecture' ? prefectures.get(a.adcode) ?? a.adcode : countyName(a.adcode);
  const columns: Column<AccountSummary>[] = [
    { key: 'userName', label: '用户名', cell: a => <code>{a.userName}</code> },
    { key: 'displayName', label: '名称', cell: a => a.displayName },
    { key: 'role', label: '角色', cell: a => roleLabels[a.role] ?? a.role },
    { key: 'scope', label: '所属地区', cell: scope },
    { key: 'status', label: '状态', cell: a => a.disabled ? <span class="tag warn" data-status="disabled">已停用</span> : <span class="tag" data-status="enabled">正常</span> },
    {
      key: 'actions', label: '操作', cell: a => a.userName === me && !a.disabled ? <span class="muted small">当前账号</span>
        : <button type="button" class={a.disabled ? undefined : 'danger'} data-action={a.disabled ? 'enable' : 'disable'} onClick={() => setChanging(a)}>{a.disabled ? '启用' : '停用'}</button>,
    },
  ];

  return (
    <section class="page">
      <header class="page-head"><h1>账号管理</h1></header>
      <p class="muted small">停用的账号不能登录，已签发的令牌立即失效，在线连接在各服务器上数秒内关闭；停用和启用均须填写理由，记入账号审计。</p>
      <form class="toolbar no-print" role="search" onSubmit={e => { e.preventDefault(); setText(q.trim()); }}>
        <label class="sr-only" for="accounts-q">搜索</label>
        <input id="accounts-q" type="search" placeholder="按用户名或名称搜索" value={q} onInput={e => setQ((e.target as HTMLInputElement).value)} />
        <button type="submit">搜索</button>
        <label class="sr-only" for="accounts-role">角色</label>
        <select id="accounts-role" value={role} onChange={e => setRole((e.target as HTMLSelectElement).value)}>
          <option value="">全部角色</option>
          {roles.map(r => <option key={r} value={r}>{roleLabels[r]}</option>)}
        </select>
      </form>
      <DataTable list={list} columns={columns} caption="账号列表" rowKey={a => a.userName} rowProps={a => ({ 'data-user': a.userName })}
        empty="没有符合条件的账号。" exportable={false} />
      <AccountCreate onCreated={created => { setQ(created.userName); setText(created.userName); setRole(''); void list.reload(); }} />
      <StatusDialog account={changing} onClose={() => setChanging(null)} onChanged={() => { setChanging(null); void list.reload(); }} />
    </section>
  );
}

interface CreateForm { userName: string; displayName: string; role: Role | ''; adcode: string; password: string; reason: string }
const emptyForm: CreateForm = { userName: '', displayName: '', role: '', adcode: '', password: '', reason: '' };

/** The create form; the host's field messages (ProblemDetails `errors`) under each field. */
function AccountCreate({ onCreated }: { onCreated: (account: AccountView) => void }) {
  const [form, setForm] = useState<CreateForm>(emptyForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ title?: string; detail?: string }>({});
  const [busy, setBusy] = useState(false);
  const [prefectures, setPrefectures] = useState<{ adcode: string; name: string }[]>([]);
  useEffect(() => { loadCounties().then(c => setPrefectures(byPrefecture(c).map(g => ({ adcode: g.adcode, name: g.name }))), () => undefined); }, []);
  const set = <K extends keyof CreateForm>(key: K, value: CreateForm[K]) => { setForm(f => ({ ...f, [key]: value })); setErrors(e => ({ ...e, [key]: '' })); };

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem({});
    try {
      const created = await api<AccountView>('/api/accounts', {
        method: 'POST',
        body: { ...form, role: form.role || null, adcode: form.adcode || null },
      });
      toast(`已创建账号 ${created.userName}`);
      setForm(emptyForm);
      onCreated(created);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setErrors({ userName: err.message });
      else if (err instanceof ApiError && err.problem.errors) {
        setErrors(err.fieldErrors);
        // Focus the first field the host named.
        const first = ['userName', 'displayName', 'role', 'adcode', 'password', 'reason'].find(f => err.fieldErrors[f]);
        if (first) document.getElementById(`acc-${first}`)?.focus();
      } else setProblem({ title: '未能创建账号', detail: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const err = (field: keyof CreateForm) => errors[field] || undefined;
  return (
    <form class="card form no-print" onSubmit={submit} noValidate aria-labelledby="acc-create-title">
      <h2 id="acc-create-title">新建账号</h2>
      <fieldset>
        <Field id="acc-userName" label="用户名" required error={err('userName')} hint="3 到 40 个字符：小写字母、数字、“.”“_”“-”">
          <input {...describedBy('acc-userName', err('userName'), true)} autocomplete="off" value={form.userName} onInput={e => set('userName', (e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="acc-displayName" label="名称" required error={err('displayName')}>
          <input {...describedBy('acc-displayName', err('displayName'))} value={form.displayName} onInput={e => set('displayName', (e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="acc-role" label="角色" required error={err('role')}>
          <select {...describedBy('acc-role', err('role'))} value={form.role} onChange={e => { set('role', (e.target as HTMLSelectElement).value as Role | ''); set('adcode', ''); }}>
            <option value="">请选择</option>
            {roles.map(r => <option key={r} value={r}>{roleLabels[r]}</option>)}
          </select>
        </Field>
        {(form.role === 'county' || form.role === 'officer') && (
          <Field id="acc-adcode" label={form.role === 'county' ? '所属县（市、区）' : '所属县（市、区）（可不填）'} required={form.role === 'county'} error={err('adcode')}>
            <CountySelect id="acc-adcode" value={form.adcode} onChange={v => set('adcode', v ?? '')} emptyLabel={form.role === 'county' ? '请选择县区' : '（不指定）'}
              invalid={!!err('adcode')} describedBy={err('adcode') ? 'acc-adcode-error' : undefined} />
          </Field>
        )}
        {form.role === 'prefecture' && (
          <Field id="acc-adcode" label="所属设区市" required error={err('adcode')}>
            <select {...describedBy('acc-adcode', err('adcode'))} value={form.adcode} onChange={e => set('adcode', (e.target as HTMLSelectElement).value)}>
              <option value="">请选择设区市</option>
              {prefectures.map(p => <option key={p.adcode} value={p.adcode}>{p.name}</option>)}
            </select>
          </Field>
        )}
        {form.role !== 'county' && form.role !== 'officer' && form.role !== 'prefecture' && err('adcode') && (
          <p class="field-error" role="alert" data-error-for="acc-adcode">{err('adcode')}</p>
        )}
        <Field id="acc-password" label="初始密码" required error={err('password')} hint={passwordRules}>
          <input {...describedBy('acc-password', err('password'), true)} type="password" autocomplete="new-password" value={form.password}
            onInput={e => set('password', (e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="acc-reason" label="理由" required error={err('reason')} wide hint="记入账号审计，如“新任济宁市统筹协调员”">
          <input {...describedBy('acc-reason', err('reason'), true)} value={form.reason} onInput={e => set('reason', (e.target as HTMLInputElement).value)} />
        </Field>
      </fieldset>
      {form.role === '' || <p class="muted small">请将初始密码当面或通过单位内部渠道告知本人，并提醒其登录后在“修改密码”中改为只有本人知道的密码。</p>}
      <ProblemBox title={problem.title} detail={problem.detail} />
      <div class="actions"><button type="submit" class="primary" disabled={busy}>{busy ? '创建中…' : '创建账号'}</button></div>
    </form>
  );
}

/** Confirms disabling or enabling an account, with its required reason. */
function StatusDialog({ account, onClose, onChanged }: { account: AccountSummary | null; onClose: () => void; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => { setReason(''); setError(''); }, [account?.userName]);
  const disabling = !account?.disabled;

  async function confirm() {
    if (!account || busy) return;
    const text = reason.trim();
    if (!text) { setError('请填写理由：将记入账号审计。'); document.getElementById('acc-status-reason')?.focus(); return; }
    setBusy(true);
    try {
      await api<AccountView>(`/api/accounts/${encodeURIComponent(account.userName)}/status`, { method: 'PUT', body: { disabled: disabling, reason: text } });
      toast(disabling ? `已停用账号 ${account.userName}` : `已启用账号 ${account.userName}`);
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? (err.fieldErrors.reason ?? err.message) : (err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog open={account !== null} title={disabling ? `停用账号 ${account?.userName ?? ''}？` : `启用账号 ${account?.userName ?? ''}？`}
      confirmLabel={disabling ? '确认停用' : '确认启用'} danger={disabling} onCancel={onClose} onConfirm={() => void confirm()}>
      <p>{disabling
        ? '停用后该账号不能登录，已签发的令牌立即失效，在线连接将被关闭。可随时重新启用。'
        : '启用后该账号可以重新登录；停用前签发的令牌仍然有效，直至过期。'}</p>
      <div class="field wide">
        <label for="acc-status-reason">理由<span class="required" aria-hidden="true"> *</span></label>
        <textarea id="acc-status-reason" rows={3} value={reason} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'acc-status-error' : undefined}
          onInput={e => { setReason((e.target as HTMLTextAreaElement).value); setError(''); }} />
        {error && <p id="acc-status-error" class="field-error" role="alert">{error}</p>}
      </div>
    </ConfirmDialog>
  );
}
