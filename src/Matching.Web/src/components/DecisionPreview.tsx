import { num } from '../format';
import type { DecisionKind, ProjectStatus } from '../types';

/** A reservation or release the preview lists. */
export interface QuotaChange { quota: 'land' | 'energy'; holder: string; holderName: string; amount: number; availableBefore: number; availableAfter: number }

/** POST /api/projects/{id}/decision/preview: what the decision would do, computed without doing it. */
export interface DecisionPreview {
  kind: DecisionKind; kindName: string; isRevision: boolean; statusAfter: ProjectStatus; statusAfterName: string;
  county: string | null; countyName: string | null; parkId: string | null; parkName: string | null;
  shares: { county: string; countyName: string; percent: number }[]; years: number | null; reason: string;
  reserve: QuotaChange[]; release: QuotaChange[]; notChosen: { county: string; countyName: string }[]; refusals: string[];
}

const unit = (c: QuotaChange) => (c.quota === 'land' ? '亩' : '吨标准煤/年');
const what = (c: QuotaChange) => (c.quota === 'land' ? `${c.holderName} 土地` : `${c.holderName} 能耗`);

/** The confirmation step's body: exactly who gets the project, where, with which shares, and what quotas move. */
export function PreviewBody({ preview: p }: { preview: DecisionPreview }) {
  return (
    <div class="decision-preview" data-preview={p.kind}>
      <dl class="facts compact">
        <div><dt>决定</dt><dd>{p.isRevision ? `修改为：${p.kindName}` : p.kindName}</dd></div>
        {p.countyName && <div><dt>{p.kind === 'refer' ? '转介至' : '落地县'}</dt><dd data-preview-county={p.county}>{p.countyName}</dd></div>}
        {p.parkName && <div><dt>园区</dt><dd>{p.parkName}</dd></div>}
        {p.shares.length > 0 && <div><dt>份额</dt><dd>{p.shares.map(s => `${s.countyName} ${s.percent}%`).join('，')}{p.years ? `，${p.years} 年` : ''}</dd></div>}
        <div><dt>决定后状态</dt><dd>{p.statusAfterName}</dd></div>
        <div><dt>理由</dt><dd>{p.reason}</dd></div>
      </dl>
      {(p.reserve.length > 0 || p.release.length > 0) && (
        <table class="quota-moves">
          <thead><tr><th>指标</th><th>变动</th><th>可用（前 → 后）</th></tr></thead>
          <tbody>
            {p.reserve.map(c => <tr key={`r-${c.quota}-${c.holder}`} data-reserve={c.holder}><td>{what(c)}</td><td>预留 {num(c.amount)} {unit(c)}</td><td>{num(c.availableBefore)} → {num(c.availableAfter)}</td></tr>)}
            {p.release.map(c => <tr key={`x-${c.quota}-${c.holder}`} data-release={c.holder}><td>{what(c)}</td><td>释放 {num(c.amount)} {unit(c)}</td><td>{num(c.availableBefore)} → {num(c.availableAfter)}</td></tr>)}
          </tbody>
        </table>
      )}
      {p.notChosen.length > 0 && <p>未被选中：{p.notChosen.map(n => n.countyName).join('、')}（将收到通知）</p>}
      {p.refusals.length > 0 && <ul class="flag-sentences">{p.refusals.map(r => <li key={r} class="warn" role="alert">指标不足，确认后将不会生效：{r}</li>)}</ul>}
    </div>
  );
}
