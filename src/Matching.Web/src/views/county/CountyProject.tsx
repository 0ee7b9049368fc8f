import { useEffect, useState } from 'preact/hooks';
import { OutcomeBanner } from '../../components/OutcomeBanner';
import { AgreementPanel } from '../../components/AgreementPanel';
import { api, ApiError, newKey } from '../../api';
import { reloadSoon, useLive, useLoad } from '../../hooks';
import { chainLabels, decisionLabels, investorKindLabels, num, parkLevelLabels, score, statusLabels, wan } from '../../format';
import { getSession } from '../../session';
import type { Bid, BidInput, County, Decision, Project, ProjectMatch } from '../../types';
import { describedBy, Field, numberOrNull, ProblemBox } from '../../components/Field';
import { Factors } from '../../components/Factors';
import { toast } from '../../components/Toasts';
import { useCountyNames } from '../../components/CountySelect';
import { BidSummary } from '../officer/ProjectDetail';
import { ConfirmDialog } from '../../components/Dialog';
import { markRead } from '../../unread';
import { LandingSection } from '../landing/LandingSection';
import { JointBidPanel } from './JointBid';

/** A project as a county sees it: the public card, why it fits this county, and the bid form (意向). */
export function CountyProject({ id }: { id: string }) {
  const adcode = getSession()!.user.adcode!;
  const project = useLoad(signal => api<Project>(`/api/projects/${id}`, { signal }), [id]);
  const fit = useLoad(async signal => {
    const list = await api<ProjectMatch[]>(`/api/counties/${adcode}/matches?top=200`, { signal });
    return list.find(m => m.project.id === id) ?? null;
  }, [id, adcode]);
  const myBid = useLoad(async signal => {
    const bids = await api<Bid[]>(`/api/projects/${id}/bids`, { signal }).catch(() => [] as Bid[]);
    return bids.find(b => b.county === adcode) ?? null;
  }, [id, adcode]);
  const decisions = useLoad(signal => api<Decision[]>(`/api/projects/${id}/decisions`, { signal }).catch(() => [] as Decision[]), [id]);
  const countyName = useCountyNames();
  const [editing, setEditing] = useState(false);

  useEffect(() => { void markRead(id); }, [adcode, id]);

  useLive(event => {
    if (event.projectId !== id) return;
    if (event.type === 'decisionMade') toast(outcomeText(event.payload, adcode, countyName), 'success');
    reloadSoon(project.reload);
    reloadSoon(myBid.reload);
    reloadSoon(decisions.reload);
    void markRead(id);
  });

  const p = project.data;
  if (project.error) return <section class="page"><p class="problem" role="alert">{project.error.message}</p></section>;
  if (!p) return <section class="page"><p aria-busy="true">加载中…</p></section>;
  const open = p.status === 'open' || p.status === 'contested';

  return (
    <section class="page county-project">
      <header class="page-head">
        <div>
          <h1>{p.title} <span class={`status s-${p.status}`} data-status={p.status}>{statusLabels[p.status]}</span></h1>
          <p class="muted"><code>{p.industryCode}</code> {p.industryName}{p.chainPosition ? ` · ${chainLabels[p.chainPosition]}` : ''}</p>
        </div>
        <a href="#/inbox">返回收件箱</a>
      </header>
      <OutcomeBanner id={id} version={p.version} bidders={[]} />
      <LandingSection id={id} />
      <AgreementPanel id={id} version={p.version} />
      <div class="split">
        <div class="split-main">
          <div class="card">
            <h2>项目卡片</h2>
            <p>{p.description || <span class="muted">（无简介）</span>}</p>
            <dl class="facts">
              <div><dt>总投资</dt><dd>{wan(p.investment)}</dd></div>
              <div><dt>用地需求</dt><dd>{num(p.landMu)} 亩</dd></div>
              <div><dt>年能耗</dt><dd>{num(p.energyTce)} 吨标准煤</dd></div>
              <div><dt>就业</dt><dd>{num(p.jobs)} 人</dd></div>
              <div><dt>预计年税收</dt><dd>{wan(p.expectedTax)}</dd></div>
              <div><dt>投资方</dt><dd>{p.investor ? `${p.investor.name}（${investorKindLabels[p.investor.kind]}）` : <span class="muted">表达意向后可见</span>}</dd></div>
              {p.investor?.contactPerson && <div><dt>联系人</dt><dd>{p.investor.contactPerson}{p.investor.contactPhone ? ` · ${p.investor.contactPhone}` : ''}</dd></div>}
              {p.outputValue != null && <div><dt>预计年产值</dt><dd>{wan(p.outputValue)}</dd></div>}
              {p.constructionMonths != null && <div><dt>建设周期</dt><dd>{p.constructionMonths} 个月</dd></div>}
              {p.firstContactCounty && <div><dt>首谈地</dt><dd>{countyName(p.firstContactCounty)}</dd></div>}
              {p.deadline && <div><dt>意向截止</dt><dd>{p.deadline}</dd></div>}
              {p.highEnergy && <div><dt>标记</dt><dd><span class="tag warn">两高</span></dd></div>}
            </dl>
          </div>
          <div class="card why">
            <h2>为什么契合本县 {fit.data && <span class="score-big">{score(fit.data.score)}</span>}</h2>
            {fit.loading && !fit.data && <p aria-busy="true">计算中…</p>}
            {fit.data && <>
              {fit.data.park && <p>推荐园区：{fit.data.park.name}（{parkLevelLabels[fit.data.park.level] ?? fit.data.park.level}，可用 {num(fit.data.park.availableLandMu)} 亩）</p>}
              <Factors factors={fit.data.factors} />
            </>}
            {fit.data === null && !fit.loading && <p class="muted">该项目当前不在本县的可意向项目中（可能已作出决定或不再契合）。</p>}
          </div>
        </div>
        <div class="split-side">
          {myBid.data && !editing && (
            <div class="card my-bid" data-my-bid="1">
              <h2>本县意向</h2>
              <BidSummary bid={myBid.data} />
              {open && <div class="actions">
                <button type="button" onClick={() => setEditing(true)}>修改意向</button>
                <WithdrawBid id={id} adcode={adcode} onDone={() => { void myBid.reload(); void project.reload(); }} />
              </div>}
            </div>
          )}
          {myBid.data && editing && open && (
            <BidForm id={id} adcode={adcode} existing={myBid.data} landMu={p.landMu} energyTce={p.energyTce}
              onCancel={() => setEditing(false)}
              onPlaced={() => { setEditing(false); void myBid.reload(); void project.reload(); }} />
          )}
          {open && !myBid.data && !myBid.loading && (
            <BidForm id={id} adcode={adcode} defaultPark={fit.data?.park?.id} landMu={p.landMu} energyTce={p.energyTce}
              onPlaced={() => { void myBid.reload(); void project.reload(); }} />
          )}
          {!open && !myBid.data && <p class="muted">项目状态为“{statusLabels[p.status]}”，不接受意向。</p>}
          {!myBid.loading && <JointBidPanel id={id} adcode={adcode} open={open && !myBid.data} parkId={fit.data?.park?.id} landMu={p.landMu} energyTce={p.energyTce}
            onChanged={() => { void myBid.reload(); void project.reload(); }} />}
        </div>
      </div>
    </section>
  );
}

export function outcomeText(payload: Record<string, unknown>, adcode: string, countyName: (a: string | null | undefined) => string): string {
  const awards = (payload.awards as { county: string; share?: number }[] | undefined) ?? [];
  const mine = awards.find(a => a.county === adcode);
  const kind = payload.kind as keyof typeof decisionLabels;
  const title = payload.title as string;
  if (mine) return `统筹决定：项目“${title}”${kind === 'cobuild' ? `由本县参与共建（${mine.share}%）` : '确定落地本县'}`;
  if (awards.length > 0) return `统筹决定：项目“${title}”确定落地 ${awards.map(a => countyName(a.county)).join('、')}`;
  return `统筹决定：项目“${title}”${decisionLabels[kind] ?? kind}`;
}

function WithdrawBid({ id, adcode, onDone }: { id: string; adcode: string; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button class="danger" disabled={busy} onClick={() => setAsking(true)}>撤回意向</button>
      <ConfirmDialog open={asking} title="撤回本县的意向？" confirmLabel="确认撤回" danger
        onCancel={() => setAsking(false)} onConfirm={async () => {
        setAsking(false);
        setBusy(true);
        try {
          await api(`/api/projects/${id}/bids/${adcode}`, { method: 'DELETE' });
          toast('意向已撤回', 'success');
          onDone();
        } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
      }}>
        <p>撤回后省级统筹将不再看到本县的条件；项目仍在征集时可以重新表达意向。</p>
      </ConfirmDialog>
      {error && <p class="field-error" role="alert">{error}</p>}
    </>
  );
}

interface BidFormProps {
  id: string; adcode: string; defaultPark?: string; landMu: number; energyTce: number; onPlaced: () => void;
  /** The county's live bid, when editing it (the firewall checks the edit like a new bid). */
  existing?: Bid; onCancel?: () => void;
}

/**
 * The bid (意向): a non-monetary offer. The fair-competition firewall's answer (422, errors keyed by field)
 * is shown next to the field it concerns, in the rule's own words.
 */
function BidForm({ id, adcode, defaultPark, landMu, energyTce, onPlaced, existing, onCancel }: BidFormProps) {
  const county = useLoad(signal => api<County>(`/api/counties/${adcode}`, { signal }), [adcode]);
  const [form, setForm] = useState<Omit<BidInput, 'localChainPartners'> & { partners: string }>(existing
    ? {
      county: adcode, parkId: existing.parkId ?? null, landMu: existing.landMu, energyTce: existing.energyTce,
      deliveryMonths: existing.deliveryMonths, landPrice: existing.landPrice ?? null,
      commitments: existing.commitments, note: existing.note, partners: existing.localChainPartners.join('\n'),
    }
    : {
      county: adcode, parkId: defaultPark ?? null, landMu, energyTce, deliveryMonths: 6, landPrice: null,
      commitments: '', note: '', partners: '',
    });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ title?: string; detail?: string; extra?: string[] }>({});
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newKey());

  useEffect(() => { if (defaultPark && !form.parkId) setForm(f => ({ ...f, parkId: defaultPark })); }, [defaultPark]);

  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => {
    setForm(f => ({ ...f, [k]: v }));
    setKey(newKey()); // a changed offer is a new submission
  };

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem({});
    const body: BidInput = {
      county: adcode, parkId: form.parkId || null, landMu: form.landMu, energyTce: form.energyTce,
      deliveryMonths: form.deliveryMonths, landPrice: form.landPrice, commitments: form.commitments, note: form.note,
      localChainPartners: form.partners.split(/\n|、|；|;/).map(s => s.trim()).filter(Boolean),
    };
    try {
      await api(`/api/projects/${id}/bids`, { method: 'POST', body, headers: { 'Idempotency-Key': key } });
      toast(existing ? '意向已修改，等待省级统筹' : '意向已提交，等待省级统筹', 'success');
      onPlaced();
    } catch (err) {
      if (err instanceof ApiError) {
        const fields: Record<string, string> = {};
        for (const [f, m] of Object.entries(err.fieldErrors)) {
          const target = f.startsWith('localChainPartners') ? 'localChainPartners' : f;
          fields[target] = fields[target] ? `${fields[target]} ${m}` : m;
        }
        setErrors(fields);
        const known = new Set(['parkId', 'landMu', 'energyTce', 'deliveryMonths', 'landPrice', 'commitments', 'note', 'localChainPartners']);
        const extra = Object.entries(fields).filter(([f]) => !known.has(f)).map(([, m]) => m);
        setProblem({
          title: err.problem.title,
          detail: err.status === 422 ? '意向未提交：以下内容不符合公平竞争审查规则，请按提示修改。' : err.status === 400 ? '请按标红的提示修改后再提交。' : err.problem.detail,
          extra,
        });
        window.setTimeout(() => (document.querySelector('.bid-form [aria-invalid="true"]') as HTMLElement | null)?.focus(), 0);
      } else {
        setProblem({ title: '提交失败', detail: (err as Error).message });
      }
    } finally {
      setBusy(false);
    }
  }

  const err = (f: string) => errors[f];
  return (
    <form class="card form bid-form" onSubmit={submit} noValidate aria-labelledby="bid-title">
      <h2 id="bid-title">{existing ? '修改意向' : '表达意向'}</h2>
      <p class="hint">只提供非资金条件：土地、能耗、交地时间、服务与配套。税收返还、财政奖补等优惠不得承诺。</p>
      <ProblemBox {...problem} />
      <Field id="b-park" label="供地园区" error={err('parkId')}>
        <select {...describedBy('b-park', err('parkId'))} value={form.parkId ?? ''} onChange={e => set('parkId', (e.target as HTMLSelectElement).value || null)}>
          <option value="">（不提供土地）</option>
          {county.data?.parks.map(park => (
            <option key={park.id} value={park.id}>{park.name}（可用 {num(park.availableLandMu.value)} 亩）</option>
          ))}
        </select>
      </Field>
      <Field id="b-landMu" label="供地面积" unit="亩" error={err('landMu')}>
        <input {...describedBy('b-landMu', err('landMu'))} type="number" min="0" step="any" value={form.landMu ?? ''}
          onInput={e => set('landMu', numberOrNull((e.target as HTMLInputElement).value))} />
      </Field>
      <Field id="b-landPrice" label="土地出让价" unit="万元/亩" error={err('landPrice')} hint="不得低于本县工业用地出让最低价">
        <input {...describedBy('b-landPrice', err('landPrice'), true)} type="number" min="0" step="any" value={form.landPrice ?? ''}
          onInput={e => set('landPrice', numberOrNull((e.target as HTMLInputElement).value))} />
      </Field>
      <Field id="b-energyTce" label="预留能耗" unit="吨标准煤/年" error={err('energyTce')}>
        <input {...describedBy('b-energyTce', err('energyTce'))} type="number" min="0" step="any" value={form.energyTce ?? ''}
          onInput={e => set('energyTce', numberOrNull((e.target as HTMLInputElement).value))} />
      </Field>
      <Field id="b-deliveryMonths" label="交地时间" unit="个月" error={err('deliveryMonths')}>
        <input {...describedBy('b-deliveryMonths', err('deliveryMonths'))} type="number" min="1" max="120" step="1" value={form.deliveryMonths ?? ''}
          onInput={e => set('deliveryMonths', numberOrNull((e.target as HTMLInputElement).value))} />
      </Field>
      <Field id="b-commitments" label="服务承诺" error={err('commitments')} wide>
        <textarea {...describedBy('b-commitments', err('commitments'))} rows={3} value={form.commitments}
          placeholder="如：专班服务、审批代办、用工招聘对接" onInput={e => set('commitments', (e.target as HTMLTextAreaElement).value)} />
      </Field>
      <Field id="b-partners" label="本地配套企业" error={err('localChainPartners')} hint="每行一家" wide>
        <textarea {...describedBy('b-partners', err('localChainPartners'), true)} rows={2} value={form.partners}
          onInput={e => set('partners', (e.target as HTMLTextAreaElement).value)} />
      </Field>
      <Field id="b-note" label="备注" error={err('note')} wide>
        <textarea {...describedBy('b-note', err('note'))} rows={2} value={form.note} onInput={e => set('note', (e.target as HTMLTextAreaElement).value)} />
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{busy ? '提交中…' : existing ? '保存修改' : '提交意向'}</button>
        {onCancel && <button type="button" onClick={onCancel}>取消</button>}
      </div>
    </form>
  );
}
