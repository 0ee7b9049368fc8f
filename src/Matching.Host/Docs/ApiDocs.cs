using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Matching.Host.Docs;

/// <summary>
/// The API reference at <c>/api/docs</c>: the OpenAPI document in Chinese (a summary per operation,
/// a name and description per feature group), the Orleans dashboard's internal routes left out, and
/// Scalar configured to load nothing from outside the host (no web fonts, no vendor client or agent).
/// </summary>
internal static class ApiDocs
{
    /// <summary>Feature groups (OpenAPI tags) with their Chinese names and descriptions.</summary>
    private static readonly Dictionary<string, (string Name, string Description)> Groups = new()
    {
        ["Sign-in"] = ("登录", "以账号和密码换取访问令牌；查看当前身份。"),
        ["Counties"] = ("县（市、区）", "全省 136 个县级行政区：园区、指标、特色产业与邻县；县区维护本县资料。"),
        ["Parks"] = ("园区", "开发区与产业园区：级别、主导产业与可用土地。"),
        ["Industries"] = ("行业", "GB/T 4754-2017 国民经济行业分类的检索与查询。"),
        ["Projects"] = ("项目", "招商项目的录入、发布、修改、撤回、检索与历史。"),
        ["Matching"] = ("匹配", "项目与县区的契合度（满分 100 分）及各项得分依据；县区收件箱。"),
        ["Bids"] = ("意向", "县区表达意向（非资金性条件，经公平竞争审查）与撤回；公平竞争审查规则。"),
        ["Decisions"] = ("统筹决定", "省级统筹：竞争看板、决定落地县或共建、能耗与土地指标、全省概览。"),
        ["Agreements"] = ("利益分享协议", "共建、转介项目的利益分享协议：各方份额、年限、分享指标；每年的统计口径台账（全部计入项目所在县）与考核口径台账（按份额分劈，仅协议各方与统筹协调员可见，不对外公布）；年度结算状态；协议摘要 PDF 与台账 xlsx。"),
        ["Unread"] = ("未读", "每位用户的未读项目（按项目事件序号记录，跨浏览器一致）：县区为收件箱中征集中的项目，招商专员为本人征集中的项目，统筹协调员为竞争项目。"),
    };

    /// <summary>Chinese summaries by operation name (<c>WithName</c>).</summary>
    private static readonly Dictionary<string, string> Summaries = new()
    {
        ["SignIn"] = "登录：以用户名和密码换取访问令牌",
        ["WhoAmI"] = "当前登录的账号与角色",
        ["ListCounties"] = "全部县级行政区（可按地级市筛选）",
        ["GetCounty"] = "一个县：园区、指标、特色产业与邻县",
        ["UpdateCountyProfile"] = "修改本县资料（特色产业、指标、政策标志、结对县）；可带 If-Match 版本号",
        ["SetCountyFigures"] = "统筹协调员直接设定县级指标、工业用地出让最低价与政策标志（即时生效，逐项记入审计）；可带 If-Match 版本号",
        ["DeclareCountyEvidence"] = "本县申报产业证据（自报，经统筹协调员核实前按折扣权重计）",
        ["ReviewCountyEvidence"] = "统筹协调员核实或不予采信县级申报的证据（不予采信须写明理由）",
        ["CountyEvidenceAudit"] = "县级证据的审计记录：谁在何时申报、核实、不予采信或替换了哪条证据",
        ["UploadCountyRoster"] = "上传本县企业名录（.xlsx 或 .csv）：逐行校验，有误则整份不导入并列出行号",
        ["EvidenceVerificationQueue"] = "待核实的县级申报证据（按申报时间先后）",
        ["ListParks"] = "园区列表",
        ["GetPark"] = "一个园区",
        ["SearchIndustries"] = "检索 GB/T 4754-2017 行业",
        ["GetIndustry"] = "一个行业代码及其上下级",
        ["SearchProjects"] = "检索项目：中文全文（q）、行业、县、状态；skip/take 分页；sort/order 按列排序；format=xlsx 导出",
        ["CreateProject"] = "录入项目（草稿），招商专员与统筹协调员可用",
        ["MyProjects"] = "我发布的项目（含草稿）：sort/order 排序、q 与 status 筛选、skip/take 分页（总数见 X-Total-Count）、format=xlsx 导出",
        ["GetProject"] = "一个项目；投资方仅对有权查看者显示",
        ["UpdateProject"] = "修改草稿或已发布项目；可带 If-Match 版本号",
        ["PublishProject"] = "发布项目（草稿 → 公开征集）",
        ["WithdrawProject"] = "撤回项目，须写明原因",
        ["RestoreProject"] = "恢复已撤回的项目，须写明原因：从未发布的回到草稿，否则回到公开征集；撤回前的意向不再有效，原统筹决定不恢复",
        ["GetProjectFlags"] = "首谈地与疑似重复项目标记",
        ["GetProjectHistory"] = "项目的全部变更记录",
        ["GetProjectMatches"] = "与项目契合的县区（按契合度排序，含各项得分依据）及被排除的县区与原因",
        ["GetCountyMatches"] = "与本县契合的公开项目",
        ["GetCountyInbox"] = "本县收件箱：推送给本县的项目；sort/order、q、status、skip/take（总数见 X-Total-Count）、format=xlsx",
        ["PlaceBid"] = "县区表达（或修改）意向；违反公平竞争审查规则时返回 422 并列出规则",
        ["ListBids"] = "项目的有效意向（统筹协调员与发布专员可见全部，县区仅见本县）",
        ["WithdrawBid"] = "县区撤回本县意向",
        ["ListCountyBids"] = "本县表达过意向的项目及结果；sort/order、q、status、skip/take、format=xlsx",
        ["GetRules"] = "现行公平竞争审查规则",
        ["Decide"] = "统筹决定：确定落地县、共建（分成合计 100%）、转介、重新开放或否决",
        ["ListDecisions"] = "项目的统筹决定记录",
        ["GetCountyQuota"] = "县的能耗指标与各园区土地指标：总量、已预留、按项目",
        ["ListQuotas"] = "全省指标表：各县能耗指标（吨标准煤/年）与各园区土地指标（亩）的基准、已预留与可用；kind、county、prefecture、q 筛选，sort/order、skip/take、format=xlsx；县区仅见本县",
        ["ListProjectMatchRows"] = "项目的匹配县区表：排名、契合度（满分 100）、推荐园区与可用土地；sort/order、q、skip/take（总数见 X-Total-Count）、format=xlsx",
        ["ListContests"] = "竞争看板：多县竞争的项目及各县意向并列；sort/order、q、skip/take、format=xlsx",
        ["GetProvinceOverview"] = "全省概览：各县项目与指标一览",
        ["GetUnread"] = "我的未读项目及数量",
        ["PreviewDecision"] = "决定预览（不写入）：落地县、园区、份额、决定后状态、将预留与释放的指标、未被选中的县、指标不足提示；revise=true 预览修改",
        ["ReviseDecision"] = "修改已作出的落地或共建决定（须写明理由）：预留新园区土地与新县能耗，释放原决定独占的指标",
        ["GetProjectOutcome"] = "项目结果横幅：最近一次决定（落地县、份额、园区、理由、决定人与时间）；参与意向的县看到是否被选中",
        ["GetDecisionLetterPdf"] = "统筹决定书 PDF（嵌入中文字体）",
        ["CreateAgreement"] = "统筹协调员记录共建或转介决定的利益分享协议：模板 5:5、7:3、8:2（项目所在县在前）或自定义份额（合计 100%）、起始年度、年限、分享指标",
        ["GetAgreement"] = "项目的利益分享协议",
        ["PutAgreementFigures"] = "统筹协调员记录某年经核实的实现数（万元，不得为负）及数据来源",
        ["GetAgreementLedgers"] = "某年的统计口径台账与（仅协议各方与统筹协调员可见的）考核口径台账及结算状态",
        ["ListAgreementLedgers"] = "协议期内每年的台账；format=xlsx 导出",
        ["PutAgreementSettlement"] = "协议一方或统筹协调员设置某年结算状态：待结算、已结算、有异议（须说明理由）",
        ["GetAgreementSummaryPdf"] = "利益分享协议摘要 PDF（考核口径仅对协议各方与统筹协调员打印）",
        ["ListAgreements"] = "全部利益分享协议（仅条款）；sort/order、q、skip/take、format=xlsx",
        ["MarkRead"] = "将项目标为已读（至其最新事件）",
    };

    public static void Configure(Microsoft.AspNetCore.OpenApi.OpenApiOptions options)
    {
        // The dashboard's routes are internal to operators, not part of the API.
        options.ShouldInclude = description => description.RelativePath?.StartsWith("dashboard", StringComparison.OrdinalIgnoreCase) != true;
        options.AddOperationTransformer((operation, context, _) =>
        {
            var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
            if (name is not null && Summaries.TryGetValue(name, out var summary)) operation.Summary = summary;
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            // A file answer (Apis.FileDownload) is a second media type of the 200 beside the JSON one.
            var files = context.Description.ActionDescriptor.EndpointMetadata.OfType<Apis.FileResponseMetadata>().ToArray();
            if (files.Length == 0) return Task.CompletedTask;
            operation.Responses ??= new OpenApiResponses();
            if (!operation.Responses.TryGetValue("200", out var found) || found is not OpenApiResponse ok)
                operation.Responses["200"] = ok = new OpenApiResponse { Description = "OK" };
            ok.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var file in files)
                ok.Content[file.ContentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "山东省协同招商平台 API";
            document.Info.Description = "县区、园区、GB/T 4754 行业与招商项目；匹配、意向、统筹决定与实时推送。金额单位万元，土地单位亩，能耗单位吨标准煤/年；契合度满分 100 分。列表接口统一支持 sort、order、q、status、skip、take 与 format=xlsx。";
            document.Tags ??= new HashSet<OpenApiTag>();
            foreach (var (tag, (label, description)) in Groups)
            {
                var existing = document.Tags.FirstOrDefault(t => t.Name == tag);
                if (existing is null) document.Tags.Add(existing = new OpenApiTag { Name = tag });
                existing.Description = description;
                existing.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                existing.Extensions["x-displayName"] = new JsonNodeExtension(JsonValue.Create(label));
            }

            return Task.CompletedTask;
        });
    }

    public static void Map(WebApplication app)
    {
        app.MapScalarApiReference("/api/docs", options =>
        {
            options.Telemetry = false;
            options
            .WithTitle("山东省协同招商平台 API")
            .HideDeveloperTools()
            .DisableDefaultFonts()
            .HideClientButton()
            .HideDarkModeToggle()
            .WithDotNetFlag(false)
            .DisableAgent()
            .DisableMcp()
            .WithCustomCss(":root { --scalar-font: \"WenQuanYi Micro Hei\", \"Microsoft YaHei\", \"PingFang SC\", sans-serif; --scalar-font-code: monospace; }");
        }).AllowAnonymous();
    }
}
