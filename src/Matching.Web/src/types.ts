// Shapes of the host's REST API and hub (camelCase JSON; see README "API" and
// docs/live-updates-and-access.md). Only the members the workbench reads are listed.

export type Role = 'officer' | 'county' | 'coordinator' | 'admin' | 'prefecture';

export interface User {
  userName: string;
  role: Role;
  adcode?: string | null;
  displayName?: string | null;
}

export interface TokenResponse {
  accessToken: string;
  tokenType: string;
  expiresAt: string;
  user: User;
}

export type ProjectStatus =
  | 'draft' | 'open' | 'contested' | 'awarded' | 'coBuilt' | 'referred' | 'landed' | 'withdrawn' | 'expired';
export type ChainPosition = 'upstream' | 'midstream' | 'downstream';
export type InvestorKind = 'soe' | 'private' | 'foreign' | 'fortune500';
export type FigureSource = 'default' | 'county' | 'coordinator' | 'reference';

export interface Investor { name: string; creditCode?: string | null; kind: InvestorKind; contactPerson?: string | null; contactPhone?: string | null }

export interface ProjectInput {
  title: string;
  description: string;
  industryCode: string;
  industryText?: string | null;
  chainPosition?: ChainPosition | null;
  investment: number | null;
  landMu: number | null;
  energyTce: number | null;
  jobs: number | null;
  expectedTax: number | null;
  highEnergy: boolean;
  firstLandingInShandong: boolean;
  investor: { name: string; creditCode?: string | null; kind: InvestorKind | null; contactPerson?: string | null; contactPhone?: string | null };
  firstContactCounty?: string | null;
  deadline?: string | null;
  outputValue?: number | null;
  constructionMonths?: number | null;
}

export interface Project {
  id: string;
  status: ProjectStatus;
  version: number;
  title: string;
  description: string;
  industryCode: string;
  industryName: string;
  industryText?: string | null;
  chainPosition?: ChainPosition | null;
  investment: number;
  landMu: number;
  energyTce: number;
  jobs: number;
  expectedTax: number;
  highEnergy: boolean;
  firstLandingInShandong: boolean;
  investor: Investor | null;
  firstContactCounty?: string | null;
  deadline?: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  publishedAt?: string | null;
  outputValue?: number | null;
  constructionMonths?: number | null;
  createdByName?: string | null;
  firstContactCountyName?: string | null;
}

/** A project as a table row (GET /api/projects/mine, inbox, search rows). */
export interface ProjectRow {
  id: string; title: string; industryCode: string; industryName: string; status: ProjectStatus; statusName: string;
  investment: number; landMu: number; energyTce: number; highEnergy: boolean;
  firstContactCounty?: string | null; firstContactCountyName?: string | null; hostCounty?: string | null; hostCountyName?: string | null;
  createdAt: string; publishedAt?: string | null; updatedAt: string; deadline?: string | null;
}

export interface ProjectCard {
  id: string;
  title: string;
  industryCode: string;
  industryName: string;
  status: ProjectStatus;
  investment: number;
  landMu: number;
  highEnergy: boolean;
}

export interface ProjectSearchHit { id: string; title: string; industryCode: string; industryName: string; status: ProjectStatus; score: number }
export interface ProjectSearchResponse {
  total: number;
  items: ProjectSearchHit[];
  facets: { status: Record<string, number>; division: Record<string, number> };
  rows: ProjectRow[];
}

export interface ProjectEvent {
  sequence: number; kind: string; from?: ProjectStatus | null; to: ProjectStatus; label: string;
  actor: string; at: string; note?: string | null; version: number;
}

export interface MatchFactor { name: string; points: number; reason: string }
export interface MatchPark { id: string; name: string; level: string; availableLandMu: number }
export interface CountyMatch { county: string; countyName: string; park?: MatchPark | null; score: number; factors: MatchFactor[] }
export interface CountyExclusion { county: string; countyName: string; reasons: string[] }
export interface ProjectMatches { projectId: string; matches: CountyMatch[]; excluded: CountyExclusion[]; candidates: number }
export interface ProjectMatch { project: ProjectCard; park?: MatchPark | null; score: number; factors: MatchFactor[] }
export interface InboxItem { project: ProjectRow; score: number; at: string }

export interface IndustryMatch { code: string; level: 'section' | 'division' | 'group' | 'class'; name: string; description: string; via: string }
export interface IndustryRef { code: string; name: string }
export interface Industry { code: string; level: string; name: string; description: string; path: IndustryRef[]; children: IndustryRef[] }

export interface GeoPoint { longitude: number; latitude: number }
export interface CountySummary {
  adcode: string; name: string; kind: string; prefectureAdcode: string; prefectureName: string;
  circle: string; seat: GeoPoint; parkCount: number; featuredIndustries: string[]; version: number;
}
/** A county's own value is self-declared until a coordinator verifies it; the score uses `inForce`. */
export interface Figure { value: number; source: FigureSource; selfDeclared?: boolean; inForce?: number }
export interface Flag { value: boolean; source: FigureSource; selfDeclared?: boolean; inForce?: boolean }
export interface ParkSummary {
  id: string; name: string; level: string; type: string; countyAdcode?: string | null; placement: string;
  mainIndustries: string[]; availableLandMu: Figure; chemicalPark?: Flag | null;
}
export interface CountyRef { adcode: string; name: string }
export interface FeaturedIndustryView { code: string; name: string; label: string; strength: number; source: FigureSource; evidence?: number[] | null }
export type EvidenceStanding = 'reference' | 'selfDeclared' | 'verified' | 'rejected';
export interface EvidenceReview { by: string; at: string; note?: string | null }
export interface EvidenceView {
  kind: string; statement: string; year: number; industries: IndustryRef[]; source: string; sourceUrl?: string | null; verified: boolean; weight?: number | null;
  id?: string | null; status?: EvidenceStanding; declaredBy?: string | null; declaredAt?: string | null; review?: EvidenceReview | null;
}
export interface CreditedIndustry { code: string; name: string; evidence: number[]; weight: number }
export interface County {
  adcode: string; name: string; shortName: string; kind: string; prefecture: CountyRef; circle: string;
  areaKm2: number; neighbours: CountyRef[]; featuredIndustries: FeaturedIndustryView[];
  quotas: { landMu: Figure; energyTce: Figure };
  flags: { fiscallyDirect: Flag; oldRevolutionaryBase: Flag };
  pairingPartners: CountyRef[]; parks: ParkSummary[]; version: number; updatedAt: string; updatedBy: string;
  evidence?: EvidenceView[]; creditedIndustries?: CreditedIndustry[];
  updatedByName?: string | null; label?: string | null;
}
export interface QuotaView { capacity: number; reserved: number; available: number; byProject: Record<string, number> }
export interface CountyQuota {
  county: string; countyName: string; energyTce: QuotaView;
  landMu: (QuotaView & { parkId: string; name: string })[];
}

export interface ComplianceFlag { ruleId: string; ruleTitle: string; message: string; countyToNotify?: string | null }
export interface Bid {
  county: string; countyName: string; parkId?: string | null; parkName?: string | null; landMu: number; energyTce: number; deliveryMonths: number;
  landPrice?: number | null; commitments: string; note: string; localChainPartners: string[];
  flags: ComplianceFlag[]; ruleBookVersion: string; placedBy: string; placedAt: string; placedByName?: string | null;
}
export interface BidInput {
  county: string; parkId?: string | null; landMu: number | null; energyTce: number | null; deliveryMonths: number | null;
  landPrice?: number | null; commitments: string; note: string; localChainPartners: string[];
}
export interface ContestBid { bid: Bid; score?: number | null }
/** Who decides a contest and by which escalation rule (GET /api/projects/{id}/route). */
export interface ContestRoute {
  level: 'prefecture' | 'province'; prefecture?: string | null; prefectureName?: string | null; ruleId: string; rulesVersion: string;
  summary: string; since: string; by: string; escalatedFrom?: string | null;
}
export interface Contest { project: ProjectCard; version: number; bids: ContestBid[]; route?: ContestRoute | null }
export interface ProjectFlags { firstContactHolder?: string | null; likelyDuplicates: string[] }

export type DecisionKind = 'award' | 'cobuild' | 'refer' | 'reopen' | 'reject';
export interface DecisionInput {
  kind: DecisionKind; county?: string | null; parkId?: string | null;
  shares?: { county: string; percent: number | null }[] | null; years?: number | null; reason: string; expectedVersion: number;
}
export interface Decision {
  terms: { kind: DecisionKind; county?: string | null; parkId?: string | null; shares: { county: string; percent: number }[]; years?: number | null; reason: string; expectedVersion: number };
  decidedBy: string; decidedAt: string;
}

export interface Problem {
  type?: string; title?: string; status?: number; detail?: string; errors?: Record<string, string[]>;
}

export interface LiveEvent {
  stream: string; sequence: number; id: string; type: string; version: number; at: string;
  projectId?: string | null; payload: Record<string, unknown>;
}

/** A row of GET /api/projects/{id}/matches/rows: a fitting county with its rank among all of them. */
export interface MatchRow { rank: number; county: string; countyName: string; prefecture: string; score: number; park?: MatchPark | null; hasBid: boolean }

/** A row of GET /api/quotas: a county's energy or a park's land quota, with its unit. */
export interface QuotaRow {
  kind: 'energy' | 'land'; kindName: string; county: string; countyName: string; prefecture: string;
  parkId?: string | null; parkName?: string | null; base: number; reserved: number; available: number; unit: string; projects: number;
}

/** An account in the admins' list (`GET /api/accounts`). */
export interface AccountSummary { userName: string; role: Role; adcode?: string | null; displayName: string; disabled: boolean }

/** One row of an account's audit: created, disabled, enabled, or its password changed by itself. */
export interface AccountChange { actor: string; disabled: boolean; reason: string; at: string; action?: 'created' | 'passwordChanged' | null }

/** An account with its latest audit rows (`GET /api/accounts/{userName}`, the answer of create and status). */
export interface AccountView extends AccountSummary { changes: AccountChange[]; totalChanges: number }
