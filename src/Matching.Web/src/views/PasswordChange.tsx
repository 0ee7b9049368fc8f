import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { describedBy, Field, ProblemBox } from '../components/Field';
import { toast } from '../components/Toasts';
import { signIn } from '../session';
import type { TokenResponse } from '../types';
import { passwordRules } from './admin/passwordRules';

/**
 * Any signed-in user changes their own password (`POST /api/accounts/me/password`). The host refuses
 * every token issued before the change, so the answer's new token becomes this tab's session; other
 * browsers of the account must sign in again.
 */
export function PasswordChange() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ title?: string; detail?: string }>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setErrors({});
    setProblem({});
    setDone(false);
    if (next !== repeat) { setErrors({ repeat: '两次输入的新密码不一致。' }); document.getElementById('pw-repeat')?.focus(); return; }
    setBusy(true);
    try {
      const token = await api<TokenResponse>('/api/accounts/me/password', { method: 'POST', body: { currentPassword: current, newPassword: next } });
      signIn(token);
      setCurrent(''); setNext(''); setRepeat('');
      setDone(true);
      toast('密码已修改');
    } catch (err) {
      if (err instanceof ApiError && err.problem.errors) {
        setErrors(err.fieldErrors);
        document.getElementById(err.fieldErrors.currentPassword ? 'pw-current' : 'pw-new')?.focus();
      } else if (err instanceof ApiError && err.status === 429) setProblem({ title: '尝试次数过多', detail: err.message });
      else setProblem({ title: '未能修改密码', detail: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const err = (field: string) => errors[field] || undefined;
  return (
    <section class="page">
      <header class="page-head"><h1>修改密码</h1></header>
      <form class="card form" onSubmit={submit} noValidate aria-labelledby="pw-title">
        <h2 id="pw-title" class="sr-only">修改本人密码</h2>
        <fieldset>
          <Field id="pw-current" label="当前密码" required error={err('currentPassword')}>
            <input {...describedBy('pw-current', err('currentPassword'))} type="password" autocomplete="current-password" value={current}
              onInput={e => setCurrent((e.target as HTMLInputElement).value)} />
          </Field>
          <Field id="pw-new" label="新密码" required error={err('newPassword')} hint={passwordRules}>
            <input {...describedBy('pw-new', err('newPassword'), true)} type="password" autocomplete="new-password" value={next}
              onInput={e => setNext((e.target as HTMLInputElement).value)} />
          </Field>
          <Field id="pw-repeat" label="再次输入新密码" required error={err('repeat')}>
            <input {...describedBy('pw-repeat', err('repeat'))} type="password" autocomplete="new-password" value={repeat}
              onInput={e => setRepeat((e.target as HTMLInputElement).value)} />
          </Field>
        </fieldset>
        <p class="muted small">修改后，本账号此前在其他浏览器或设备上的登录全部失效，需要用新密码重新登录。</p>
        {done && <p class="notice" role="status" data-done="1">密码已修改，本窗口已使用新密码继续登录。</p>}
        <ProblemBox title={problem.title} detail={problem.detail} />
        <div class="actions"><button type="submit" class="primary" disabled={busy}>{busy ? '提交中…' : '修改密码'}</button></div>
      </form>
    </section>
  );
}
