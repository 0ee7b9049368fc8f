import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { signIn, takeSignOutReason } from '../session';
import type { TokenResponse } from '../types';
import { describedBy, Field } from '../components/Field';

/** Sign-in with a platform account (POST /api/auth/token); the workbench then follows the account's role. */
export function Login() {
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(takeSignOutReason());

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const token = await api<TokenResponse>('/api/auth/token', { method: 'POST', body: { userName: userName.trim(), password } });
      signIn(token);
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(status === 401 ? '用户名或密码不正确。'
        : status === 404 ? '服务器尚未开放登录接口（/api/auth/token）。'
        : (err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <form class="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">山东省协同招商平台</h1>
        <p class="muted">项目一次发布，精准匹配县区与园区；错位发展，有序竞争。</p>
        <Field id="login-user" label="用户名" hint="如 officer、coordinator、county-370112">
          <input {...describedBy('login-user', undefined, true)} name="username" autocomplete="username" required autofocus
            value={userName} onInput={e => setUserName((e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="login-password" label="密码">
          <input id="login-password" name="password" type="password" autocomplete="current-password" required
            value={password} onInput={e => setPassword((e.target as HTMLInputElement).value)} />
        </Field>
        {error && <p class="field-error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{busy ? '登录中…' : '登录'}</button>
      </form>
    </main>
  );
}
