import type { ChainPosition, DecisionKind, FigureSource, InvestorKind, ProjectStatus, Role } from './types';

export const roleLabels: Record<Role, string> = {
  officer: '招商专员', county: '县级招商部门', coordinator: '省级统筹', admin: '运维管理', prefecture: '市级统筹',
};

export const statusLabels: Record<ProjectStatus, string> = {
  draft: '草稿', open: '已发布', contested: '竞争中', awarded: '已确定落地县', coBuilt: '共建',
  referred: '已转介', landed: '已落地', withdrawn: '已撤回', expired: '已过期',
};

export const chainLabels: Record<ChainPosition, string> = { upstream: '上游', midstream: '中游', downstream: '下游' };

export const investorKindLabels: Record<InvestorKind, string> = {
  soe: '国有企业', private: '民营企业', foreign: '外资企业', fortune500: '世界500强',
};

export const decisionLabels: Record<DecisionKind, string> = {
  award: '确定落地县', cobuild: '共建（分成）', refer: '转介他县', reopen: '重新开放', reject: '否决',
};

export const sourceLabels: Record<FigureSource, string> = {
  default: '默认值', county: '县区填报', coordinator: '省级核定', reference: '公开资料',
};

export const factorLabels: Record<string, string> = {
  industry: '行业', chain: '产业链', land: '土地', energy: '能耗', investmentPerMu: '亩均投资', taxPerMu: '亩均税收',
  differentiation: '错位发展', balance: '均衡发展', proximity: '区位', firstContact: '首谈',
  agglomeration: '产业集聚', strength: '经济实力', crowding: '错位发展', recentAwards: '近期统筹', landQuota: '土地指标', spillover: '周边集聚',
};

export const parkLevelLabels: Record<string, string> = { national: '国家级', provincial: '省级', other: '其他' };

const number = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** 1234567 → "1,234,567"; null → "—". */
export function num(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : number.format(value);
}

/** Money in 万元, with 亿元 for large sums: 1500000 → "150 亿元（1,500,000 万元）". */
export function wan(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value >= 10000 ? `${number.format(value / 10000)} 亿元` : `${number.format(value)} 万元`;
}

export function score(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value)} 分`;
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { hour12: false });
}

export function time(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString('zh-CN', { hour12: false });
}

/** A person's name for an account id: the seeded staff by role, a county account as its county's office. */
export function personName(userName: string | null | undefined, countyName: (adcode: string) => string): string {
  if (!userName) return '—';
  if (userName === 'coordinator') return '省级统筹协调员';
  if (userName === 'officer') return '省级招商专员';
  if (userName === 'admin') return '平台运维管理员';
  if (userName === 'seed' || userName === 'seeds') return '初始资料';
  const county = /^county-(\d{6})$/.exec(userName);
  return county ? `${countyName(county[1])}招商部门` : userName;
}

/** A score with its scale: "72 分（满分 100）". */
export function scoreOf100(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value)} 分（满分 100）`;
}

/**
 * Server messages in plain Chinese: rule ids ("规则 FC-TAX-REBATE「…」" → "规则「…」") and adcodes in
 * brackets ("滕州市（370481）" → "滕州市") are for logs and audits, not for people.
 */
export function plain(text: string): string {
  return text
    .replace(/\s*\bFC-[A-Z0-9-]+\b\s*/g, '')
    .replace(/（\d{6}）/g, '')
    .replace(/\(\d{6}\)/g, '');
}
