import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { reloadSoon, useLive, useLoad } from '../../hooks';
import { ReasonDialog } from '../../components/Dialog';
import { Field, numberOrNull, ProblemBox } from '../../components/Field';
import { toast } from '../../components/Toasts';

interface JointShare { county: string; name: string; percent: number }
interface JointBidView { lead: string; leadName: string; shares: JointShare[]; awaiting: string[]; counts: boolean; confirmations: { county: string }[]; declined?: { county: string; reason: string } | null }
interface PartnerOption { county: string; name: string; neighbour: boolean; pairings: string[] }

/**
 * 联合招商 on a county's project page: the lead proposes with a partner (its neighbours and pairing partners)
 * and the shares; an invited partner confirms with its own commitments, screened like any bid.
 */
export function JointBidPanel({ id, adcode, open, parkId, landMu, energyTce, onChanged }: {
  id: string; adcode: string; open: boolean; parkId?: string | null; landMu: number; energyTce: number; onChanged: () => void;
}) {
  const joints = useLoad(signal => api<JointBidView[]>(`/api/projects/${id}/joint-bids`, { signal }).catch(() => [] as JointBidView[]), [id]);
  const mine = joints.data?.find(j => j.lead === adcode);
  const invited = joints.data?.filter(j => j.lead !== adcode && j.shares.some(s => s.county === adcode)) ?? [];
  const reload = () => { void joints.reload(); onChanged(); };
  // An invitation, a partner's answer: the panel follows them live.
  useLive(event => { if (event.projectId === id && event.type.startsWith('jointBid')) reloadSoon(joints.reload); });
  return (
    <div class="joint-bids">
      {invited.map(j => <PartnerConfirm key={j.lead} id={id} adcode={adcode} joint={j} onDone={reload} />)}
      {mine && <JointStatus joint={mine} />}
      {!mine && open && joints.data && <JointBidForm id={id} adcode={adcode} parkId={parkId} landMu={landMu} energyTce={energyTce} onDone={reload} />}
    </div>
  );
}

function Shares({ joint }: { joint: JointBidView }) {
  return <ul class="shares">{joint.shares.map(s => <li key={s.county} data-county={s.county}>{s.name} {s.percent}%</li>)}</ul>;
}

function JointStatus({ joint }: { joint: JointBidView }) {
  const names = joint.shares.filter(s => joint.awaiting.includes(s.county)).map(s => s.name);
  return (
    <div class="card joint-status" data-counts={joint.counts ? '1' : '0'}>
      <h2>本县牵头的联合招商</h2>
      <Shares joint={joint} />
      {joint.declined
        ? <p class="warn" data-declined={joint.declined.county}>{joint.shares.find(s => s.county === joint.declined!.county)?.name ?? joint.declined.county}谢绝了联合招商：{joint.declined.reason}。该联合意向不生效，可重新发起。</p>
        : <p class={joint.counts ? 'ok' : 'muted'}>{joint.counts ? '各合作县均已确认，联合意向已生效。' : `等待 ${names.join('、')} 确认，确认前意向不生效。`}</p>}
    </div>
  );
}

function PartnerConfirm({ id, adcode, joint, onDone }: { id: string; adcode: string; joint: JointBidView; onDone: () => void }) {
  const [commitments, setCommitments] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  const awaiting = joint.awaiting.includes(adcode);
  const [declining, setDeclining] = useState(false);
  async function decline(reason: string) {
    setDeclining(false);
    setProblem(null);
    try {
      await api(`/api/projects/${id}/joint-bids/${joint.lead}/decline`, { method: 'POST', body: { reason } });
      toast(`已谢绝${joint.leadName}的联合招商邀请`, 'success');
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setProblem(err); else throw err;
    }
  }
  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    try {
      await api(`/api/projects/${id}/joint-bids/${joint.lead}/confirm`, { method: 'POST', body: { commitments, note: '' } });
      toast(`已确认与${joint.leadName}联合招商`, 'success');
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setProblem(err); else throw err;
    }
  }
  return (
    <form class="card joint-confirm" data-lead={joint.lead} onSubmit={submit}>
      <h2>{joint.leadName}邀请本县联合招商</h2>
      <Shares joint={joint} />
      {awaiting ? <>
        <Field id="jc-commitments" label="本县承诺（将按公平竞争审查规则审查）" error={problem?.fieldErrors.commitments}>
          <textarea id="jc-commitments" value={commitments} onInput={e => setCommitments((e.target as HTMLTextAreaElement).value)} rows={3} />
        </Field>
        {problem && <ProblemBox title={problem.problem.title} detail={problem.message} />}
        <div class="actions">
          <button type="submit" class="primary">确认联合招商</button>
          <button type="button" data-action="decline" onClick={() => setDeclining(true)}>谢绝</button>
        </div>
        {declining && (
          <ReasonDialog open title={`谢绝${joint.leadName}的联合招商邀请？`} confirmLabel="确认谢绝" danger label="谢绝理由"
            onCancel={() => setDeclining(false)} onConfirm={reason => void decline(reason)}>
            <p>谢绝后该联合意向不生效，理由将实时告知{joint.leadName}。</p>
          </ReasonDialog>
        )}
      </> : joint.declined ? <p class="muted">该联合招商已被{joint.shares.find(s => s.county === joint.declined!.county)?.name ?? '合作县'}谢绝。</p> : <p class="ok">本县已确认。</p>}
    </form>
  );
}

function JointBidForm({ id, adcode, parkId, landMu, energyTce, onDone }: {
  id: string; adcode: string; parkId?: string | null; landMu: number; energyTce: number; onDone: () => void;
}) {
  const options = useLoad(signal => api<PartnerOption[]>(`/api/counties/${adcode}/joint-partners`, { signal }), [adcode]);
  // The park of the county's fit, else its first park: the lead's offer carries the land.
  const county = useLoad(signal => api<{ parks: { id: string }[] }>(`/api/counties/${adcode}`, { signal }), [adcode]);
  const [partner, setPartner] = useState('');
  const [percent, setPercent] = useState('30');
  const [landPrice, setLandPrice] = useState('');
  const [commitments, setCommitments] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  const share = numberOrNull(percent);
  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    try {
      await api(`/api/projects/${id}/joint-bids`, {
        method: 'POST',
        body: {
          bid: { parkId: parkId ?? county.data?.parks[0]?.id ?? null, landMu, energyTce, deliveryMonths: 12, landPrice: numberOrNull(landPrice), commitments, note: '' },
          leadPercent: share == null ? null : 100 - share,
          partners: [{ county: partner || null, percent: share }],
        },
      });
      toast('联合招商意向已提交，等待合作县确认', 'success');
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setProblem(err); else throw err;
    }
  }
  const errors = problem?.fieldErrors ?? {};
  return (
    <form class="card joint-form" onSubmit={submit}>
      <h2>联合招商（与相邻县或结对县）</h2>
      <Field id="jb-partner" label="合作县" error={errors['partners[0].county'] ?? errors.partners}>
        <select id="jb-partner" value={partner} onChange={e => setPartner((e.target as HTMLSelectElement).value)}>
          <option value="">请选择</option>
          {options.data?.map(o => <option key={o.county} value={o.county}>{o.name}（{[o.neighbour ? '相邻' : null, ...o.pairings].filter(Boolean).join('；')}）</option>)}
        </select>
      </Field>
      <Field id="jb-percent" label="合作县份额" unit="%" error={errors['partners[0].percent'] ?? errors.leadPercent}>
        <input id="jb-percent" inputMode="decimal" value={percent} onInput={e => setPercent((e.target as HTMLInputElement).value)} />
      </Field>
      <p class="muted small">本县份额 {share == null ? '—' : 100 - share}%</p>
      <Field id="jb-landPrice" label="土地出让价格" unit="万元/亩" error={errors.landPrice}>
        <input id="jb-landPrice" inputMode="decimal" value={landPrice} onInput={e => setLandPrice((e.target as HTMLInputElement).value)} />
      </Field>
      <Field id="jb-commitments" label="牵头县承诺" error={errors.commitments}>
        <textarea id="jb-commitments" value={commitments} onInput={e => setCommitments((e.target as HTMLTextAreaElement).value)} rows={3} />
      </Field>
      {problem && <ProblemBox title={problem.problem.title} detail={problem.message} />}
      <button type="submit">提交联合招商意向</button>
    </form>
  );
}
