import type { County, EvidenceView } from '../types';

const kindLabels: Record<string, string> = {
  listedCompany: '上市公司', featuredCluster: '特色产业集群', zoneMainIndustry: '开发区主导产业', chemicalPark: '认定化工园区',
  top100County: '百强县', fiscallyDirect: '省财政直管县', logisticsHub: '国家物流枢纽', roster: '企业名录', award: '平台落地项目',
};

function Item({ e }: { e: EvidenceView }) {
  return (
    <li>
      <span class="tag">{kindLabels[e.kind] ?? e.kind}</span> {e.statement}
      <div class="muted">
        {e.year > 0 ? `${e.year} 年` : '年份不详'} · 来源：{e.sourceUrl ? <a href={e.sourceUrl} target="_blank" rel="noreferrer">{e.source}</a> : e.source}
        {' · '}{e.verified ? '已核实' : '未核实（按公开来源）'}
        {e.weight != null && ` · 权重 ${e.weight}`}
      </div>
    </li>
  );
}

/** The evidence behind the industries a county is credited with: each division, then each item with its source, year, weight and whether verified. */
export function CountyEvidence({ county }: { county: County }) {
  const evidence = county.evidence ?? [];
  const general = evidence.filter(e => e.industries.length === 0);
  return (
    <div class="card evidence">
      <h2>产业证据</h2>
      <p class="muted">匹配按这些证据计算产业集聚和经济实力；权重 = 证据类型权重 × 时效（每 6 年减半）。</p>
      {(county.creditedIndustries ?? []).map(c => (
        <details key={c.code}>
          <summary><code>{c.code}</code> {c.name}：{c.evidence.length} 条证据，合计权重 {c.weight}</summary>
          <ul>{c.evidence.map(i => <Item key={i} e={evidence[i]} />)}</ul>
        </details>
      ))}
      {general.length > 0 && (
        <>
          <h3>经济实力与政策</h3>
          <ul>{general.map((e, i) => <Item key={i} e={e} />)}</ul>
        </>
      )}
      {evidence.length === 0 && <p class="muted">公开来源中没有本县的产业证据；请在特色产业中补充并上传企业名录。</p>}
    </div>
  );
}
