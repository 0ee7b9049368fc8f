using Matching.Domain;
using Matching.Host.Auth;
using Matching.Host.Reports;
using Matching.Host.ErrorHandling;
using Matching.Host.Health;
using Matching.Host.Unread;
using Microsoft.AspNetCore.Routing;

namespace Matching.Host.Apis;

/// <summary>Wires the HTTP side: JSON shape, errors as ProblemDetails, OpenAPI, health and the feature APIs.</summary>
public static class MatchingApi
{
    /// <summary>Largest accepted JSON body; projects and profiles are a few KiB.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static WebApplicationBuilder AddMatchingApi(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options => MatchingJson.Configure(options.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Answers written by the framework itself (sign-in and authorization) speak the users' language too.
            var problem = context.ProblemDetails;
            if (problem.Status == StatusCodes.Status401Unauthorized && problem.Title is null or "Unauthorized")
                (problem.Title, problem.Detail) = ("未登录", problem.Detail ?? "请先登录；登录已过期时请重新登录。");
            else if (problem.Status == StatusCodes.Status403Forbidden && problem.Title is null or "Forbidden")
                (problem.Title, problem.Detail) = ("无权操作", problem.Detail ?? "当前账号的角色不允许此操作。");
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddMatchingHealthChecks();
        builder.Services.AddOpenApi(Docs.ApiDocs.Configure);
        Reports.CountyReportServices.AddCountyReports(builder.Services);
        Inboxes.InboxLayoutUpgrade.AddTo(builder.Services);
        return builder;
    }

    public static WebApplication UseMatchingApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    public static WebApplication MapMatchingApi(this WebApplication app)
    {
        app.MapMatchingHealth();
        app.MapOpenApi().AllowAnonymous();
        Docs.ApiDocs.Map(app);

        var api = app.MapGroup("/api").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).DocumentCrossCuttingProblems();
        api.MapAuthApi();
        api.MapAccountsApi();
        api.MapPasswordChangeApi();
        api.MapCountiesApi();
        api.MapParksApi();
        api.MapIndustriesApi();
        api.MapProjectsApi();
        api.MapMatchesApi();
        api.MapBidsApi();
        api.MapDecisionsApi();
        api.MapAgreementsApi();
        api.MapDocumentsApi();
        api.MapDecisionRevisionsApi();
        api.MapQuotasApi();
        api.MapMatchRows();
        api.MapRoutingApi();
        api.MapJointBidsApi();
        api.MapOverviewApi();
        api.MapAllocationApi();
        api.MapCockpitApi();
        api.MapCountyReportsApi();
        api.MapUnreadApi();
        api.MapLandingApi();
        api.MapAttachmentsApi();
        return app;
    }
}
