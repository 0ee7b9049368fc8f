import type { County, EvidenceView } from '../types';
import { dateTime } from '../format';

const kindLabels: Record<string, string> = {
  listedCompany: '上市公司', featuredCluster: '特色产业集群', zoneMainIndustry: '开发区主导产业', chemicalPark: '认定化工园区',
  top100County: '百强县', fiscallyDirect: '省财政直管县', logisticsHub: '国家物流枢纽', roster: '企业名录', award: '平台落地项目', declared: '本县申报', countyFigure: '县设定数值',
  chemicalParkCandidate: '疑似化工园区（待认定）',
};

/** Where an item comes from and where its review stands, in words. */
export function standing(e: EvidenceView): string {
  switch (e.status) {
    case 'selfDeclared': return '本县自报，待省级核实（按一半权重计）';
    case 'verified': return `已核实（${e.review?.by ?? ''} ${dateTime(e.review?.at)}${e.review?.note ? `：${e.review.note}` : ''}）`;
    case 'rejected': return `不予采信（${e.review?.by ?? ''} ${dateTime(e.review?.at)}：${e.review?.note ?? ''}），不计入匹配`;
    default: return e.verified ? '已核实' : '公开来源，未经核实';
  }
}

export function EvidenceItem({ e }: { e: EvidenceView }) {
  return (
    <li data-status={e.status ?? 'reference'}>
      <span class="tag">{kindLabels[e.kind] ?? e.kind}</span> {e.statement}
      <div class="muted">
        {e.year > 0 ? `${e.year} 年` : '年份不详'} · 来源：{e.sourceUrl ? <a href={e.sourceUrl} target="_blank" rel="noreferrer">{e.source}</a> : e.source}
        {' · '}<span class={`standing standing-${e.status ?? 'reference'}`}>{standing(e)}</span>
        {e.weight != null && ` · 权重 ${e.weight}`}
      </div>
    </li>
  );
}

/** The evidence behind the industries a county is credited with: each division, then each item with its source, year, weight and review status. */
export function CountyEvidence({ county }: { county: County }) {
  const evidence = county.evidence ?? [];
  const general = evidence.filter(e => e.industries.length === 0);
  return (
    <div class="card evidence">
      <h2>产业证据</h2>
      <p class="muted">匹配按这些证据计算产业集聚和经济实力；权重 = 证据类型权重 × 时效（每 6 年减半）；本县自报的证据经省级核实前按一半计，不予采信的不计。</p>
      {(county.creditedIndustries ?? []).map(c => (
        <details key={c.code}>
          <summary><code>{c.code}</code> {c.name}：{c.evidence.length} 条证据，合计权重 {c.weight}</summary>
          <ul>{c.evidence.map(i => <EvidenceItem key={i} e={evidence[i]} />)}</ul>
        </details>
      ))}
      {general.length > 0 && (
        <>
          <h3>经济实力与政策</h3>
          <ul>{general.map((e, i) => <EvidenceItem key={i} e={e} />)}</ul>
        </>
      )}
      {evidence.length === 0 && <p class="muted">公开来源中没有本县的产业证据；请申报产业证据或上传企业名录。</p>}
    </div>
  );
}
