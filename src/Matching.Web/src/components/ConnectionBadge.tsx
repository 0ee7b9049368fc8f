import { useEffect, useState } from 'preact/hooks';
import { live, type LiveState } from '../live';

const labels: Record<LiveState, string> = { online: '在线', connecting: '连接中', reconnecting: '重新连接中', offline: '离线' };

/** The live channel's state: 在线 / 连接中 / 重新连接中 / 离线, with the detail as a tooltip. */
export function ConnectionBadge() {
  const [state, setState] = useState<LiveState>(live.state);
  const [detail, setDetail] = useState(live.detail);
  useEffect(() => live.onState((s, d) => { setState(s); setDetail(d ?? ''); }), []);
  return (
    <span class={`conn conn-${state}`} data-state={state} title={detail} role="status" aria-live="polite">
      <span class="dot" aria-hidden="true" />
      {labels[state]}
      <span class="sr-only">{detail}</span>
    </span>
  );
}
