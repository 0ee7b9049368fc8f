import { factorLabels } from '../format';
import type { MatchFactor } from '../types';

/** A score broken into its factors, each with the model's reason in words. */
export function Factors({ factors }: { factors: MatchFactor[] }) {
  if (factors.length === 0) return <p class="muted">没有得分项。</p>;
  return (
    <ul class="factors">
      {factors.map(f => (
        <li key={f.name + f.reason} class={f.points > 0 ? 'plus' : f.points < 0 ? 'minus' : 'zero'}>
          <span class="factor-name">{factorLabels[f.name] ?? f.name}</span>
          <span class="points">{f.points > 0 ? `+${f.points}` : f.points} 分</span>
          <span class="reason">{f.reason}</span>
        </li>
      ))}
    </ul>
  );
}

export function ScoreBar({ value }: { value: number }) {
  const width = Math.max(0, Math.min(100, value));
  return (
    <span class="scorebar" title={`${Math.round(value)} 分`}>
      <span style={{ width: `${width}%` }} />
      <b>{Math.round(value)}</b>
    </span>
  );
}
