namespace Matching.Domain.Geography;

/// <summary>Shandong's three economic circles (省会、胶东、鲁南经济圈), per the 2020 provincial plan.</summary>
public enum EconomicCircle
{
    /// <summary>省会经济圈 (Jinan, Zibo, Tai'an, Liaocheng, Dezhou, Binzhou, Dongying).</summary>
    ProvincialCapital,
    /// <summary>胶东经济圈 (Qingdao, Yantai, Weifang, Weihai, Rizhao).</summary>
    Jiaodong,
    /// <summary>鲁南经济圈 (Linyi, Zaozhuang, Jining, Heze).</summary>
    Lunan,
}

/// <summary>A prefecture-level city (地级市).</summary>
public sealed record Prefecture(string Adcode, string Name, EconomicCircle Circle, GeoPoint Center);
