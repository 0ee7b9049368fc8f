namespace Matching.Domain.Evidence;

/// <summary>What kind of fact an evidence item is: the model weighs each kind differently (configuration).</summary>
public enum EvidenceKind
{
    /// <summary>A listed company registered in the county (上市公司), in one CSRC/GB/T division.</summary>
    ListedCompany,
    /// <summary>A provincial featured industry cluster (省级特色产业集群) located in the county.</summary>
    FeaturedCluster,
    /// <summary>A development zone in the county and its catalogued main industries (开发区主导产业).</summary>
    ZoneMainIndustry,
    /// <summary>A recognised chemical park (认定化工园区 / 专业化工园区) in the county.</summary>
    ChemicalPark,
    /// <summary>Membership of a national top-100 county list (百强县): economic strength.</summary>
    Top100County,
    /// <summary>The county is on the 省财政直管县 list.</summary>
    FiscallyDirect,
    /// <summary>The county's prefecture holds a national logistics hub (国家物流枢纽, city level).</summary>
    LogisticsHub,
    /// <summary>An enterprise roster the county uploaded (企业名录).</summary>
    Roster,
    /// <summary>A project awarded to or landed in the county on the platform.</summary>
    Award,
    /// <summary>Any other fact a county declares about an industry in it (a key enterprise, a base, a title), in its own words.</summary>
    Declared,
    /// <summary>A figure or flag the county set (a quota, its land-price floor, 省财政直管县, 革命老区), awaiting a coordinator: never weighed as industry evidence.</summary>
    CountyFigure,
    /// <summary>
    /// A catalogued zone in the county whose name or main industries say chemistry (化工, 石化 …): a likely chemical park
    /// (化工园区待认定) that no notice on the seeded list recognises and no coordinator has confirmed or refuted. It names
    /// no industry (never weighed as agglomeration); the chemical-park rule reads it (<c>MatchWeights.ChemicalParkCandidates</c>).
    /// </summary>
    ChemicalParkCandidate,
}
