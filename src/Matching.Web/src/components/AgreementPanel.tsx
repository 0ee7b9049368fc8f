import { api, ApiError, download } from '../api';
import { useLoad } from '../hooks';
import { dateTime, num } from '../format';
import { toast } from './Toasts';
import { getSession } from '../session';
import { AgreementForm, indicatorLabels } from './AgreementForm';
import { SettlementForm } from './SettlementForm';

/** GET /api/projects/{id}/agreement. */
export interface Agreement {
  kind: 'coBuild' | 'referral' | string; hostCountyName: string; template: string; firstYear: number; lastYear: number; years: number;
  shares: { county: string; countyName: string; percent: number; isHost: boolean }[]; indicators: string[]; madeBy: string; madeAt: string; current: boolean;
  status: 'draft' | 'confirmed' | 'superseded'; confirmedBy: string | null; confirmedAt: string | null;
}
interface LedgerLine { county: string; countyName: string; fixedAssetInvestment: number; outputValue: number; retainedTax: number }
interface Ledger { lines: LedgerLine[] }
/** GET /api/projects/{id}/agreement/ledgers. */
interface AgreementYear { year: number; official: Ledger; assessment: Ledger | null; assessmentVisible: boolean; settlement: { status: string; note: string } }

const statusLabels: Record<string, string> = { draft: '草稿：待协议各方填写、统筹协调员确认', confirmed: '已确认', superseded: '已被后续决定取代' };
const settlementLabels: Record<string, string> = { due: '待结算', paid: '已结算', disputed: '有异议' };

/**
 * The benefit-sharing agreement of a co-built or referred project (利益分享协议), when one is recorded:
 * parties and shares, term and shared indicators, and each year's two ledgers — the official one
 * (everything where the firm is) for everyone who may see the project, the assessment-only one (split by
 * shares) for the parties and coordinators only, as the host answers. The summary prints as PDF and the
 * ledgers export to Excel. A co-build decision drafts the agreement: its parties complete it and a
 * coordinator confirms it here (AgreementForm); a coordinator records a referral's; once confirmed, each
 * year's figures and settlement are set here (SettlementForm).
 */
export function AgreementPanel({ id, version }: { id: string; version: number }) {
  const agreement = useLoad(async signal => {
    // Only co-builds and referrals have agreements: ask for one only then (a 404 would be noise on every other page).
    const outcome = await api<{ kind: string | null }>(`/api/projects/${id}/outcome`, { signal });
    if (outcome.kind !== 'cobuild' && outcome.kind !== 'refer') return null;
    try { return { agreement: await api<Agreement>(`/api/projects/${id}/agreement`, { signal }), kind: outcome.kind }; }
    catch (x) { if (x instanceof ApiError && x.status === 404) return { agreement: null, kind: outcome.kind }; throw x; }
  }, [id, version]);
  const a = agreement.data?.agreement ?? null;
  const ledgers = useLoad(async signal => a ? api<AgreementYear[]>(`/api/projects/${id}/agreement/ledgers`, { signal }) : [], [id, version, a]);
  const user = getSession()?.user;
  const coordinator = user?.role === 'coordinator';
  const reload = () => { void agreement.reload(); };
  if (!a) {
    // A referral has no agreement until a coordinator records one.
    if (!coordinator || !agreement.data) return null;
    return (
      <section class="card agreement" aria-label="利益分享协议">
        <h2>利益分享协议</h2>
        <p class="muted">该项目尚未记录利益分享协议。</p>
        <AgreementForm id={id} agreement={null} coordinator onDone={reload} />
      </section>
    );
  }
  const party = user?.role === 'county' && a.shares.some(s => s.county === user.adcode);
  const mayEdit = coordinator || party;

  const save = (path: string, name: string) => download(path, name).catch((x: Error) => toast(x.message));
  return (
    <section class="card agreement" aria-label="利益分享协议">
      <h2>利益分享协议{a.current || a.status === 'superseded' ? '' : '（已被后续决定取代）'}</h2>
      <p class={`agreement-status ${a.status}`}>状态：{statusLabels[a.status] ?? a.status}{a.confirmedAt ? `（${dateTime(a.confirmedAt)} 确认）` : ''}</p>
      <p>
        {a.kind === 'coBuild' ? '共建' : '转介'} · 项目所在县 {a.hostCountyName}（统计口径全部计入） · 分成 {a.shares.map(s => `${s.countyName} ${num(s.percent)}%`).join('，')}
        · 分享期 {a.firstYear}–{a.lastYear} 年 · 分享指标 {a.indicators.map(i => indicatorLabels[i] ?? i).join('、')}
      </p>
      <p class="muted small">记录于 {dateTime(a.madeAt)} ·{' '}
        <a href={`/api/projects/${id}/agreement/summary.pdf`} onClick={e => { e.preventDefault(); void save(`/api/projects/${id}/agreement/summary.pdf`, '利益分享协议摘要.pdf'); }}>协议摘要（PDF）</a> ·{' '}
        <a href={`/api/projects/${id}/agreement/ledgers?format=xlsx`} onClick={e => { e.preventDefault(); void save(`/api/projects/${id}/agreement/ledgers?format=xlsx`, '利益分享台账.xlsx'); }}>台账（Excel）</a>
      </p>
      {a.status === 'draft' && a.current && mayEdit && <AgreementForm key={`${a.template}-${a.years}-${a.firstYear}`} id={id} agreement={a} coordinator={coordinator} onDone={reload} />}
      {(ledgers.data ?? []).map(y => (
        <details key={y.year}>
          <summary>{y.year} 年 · {settlementLabels[y.settlement.status] ?? y.settlement.status}{y.settlement.note ? `（${y.settlement.note}）` : ''}</summary>
          <LedgerTable title="统计口径（正式台账）" ledger={y.official} />
          {y.assessment
            ? <LedgerTable title="考核口径（仅协议各方与统筹协调员可见，不对外公布）" ledger={y.assessment} />
            : <p class="muted small">考核口径台账仅协议各方与统筹协调员可见。</p>}
          {a.status === 'confirmed' && mayEdit && (
            <SettlementForm id={id} year={y.year} status={y.settlement.status} note={y.settlement.note} coordinator={coordinator}
              onDone={() => { void ledgers.reload(); }} />
          )}
        </details>
      ))}
      <p class="muted small">金额单位：万元。实现数来自经确认的落地阶段报告与年度数据。</p>
    </section>
  );
}

function LedgerTable({ title, ledger }: { title: string; ledger: Ledger }) {
  return (
    <table class="ledger">
      <caption>{title}</caption>
      <thead><tr><th>县（市、区）</th><th>固定资产投资（万元）</th><th>产值（万元）</th><th>地方留成税收（万元）</th></tr></thead>
      <tbody>
        {ledger.lines.map(l => <tr key={l.county}><td>{l.countyName}</td><td>{num(l.fixedAssetInvestment)}</td><td>{num(l.outputValue)}</td><td>{num(l.retainedTax)}</td></tr>)}
      </tbody>
    </table>
  );
}
