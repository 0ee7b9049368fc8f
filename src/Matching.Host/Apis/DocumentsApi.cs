using Matching.Contracts;
using Matching.Domain.Geography;
using Matching.Host.Auth;
using Matching.Host.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>Printable documents: the decision letter (统筹决定书). The agreement summary is in <see cref="AgreementsApi"/>.</summary>
internal static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{id:guid}/decision/letter.pdf", Letter).WithTags("Decisions").WithName("GetDecisionLetterPdf")
            .WithSummary("The latest decision's letter (统筹决定书) as PDF, Chinese font embedded; 404 before any decision, 503 when the server has no CJK font.");
        return api;
    }

    private static async Task<Results<PdfFile, NotFoundProblem, UnavailableProblem>> Letter(Guid id, IGrainFactory grains, Province province, IConfiguration configuration, HttpContext http)
    {
        var (project, denied) = await Access.Visible(grains, id, http.Actor());
        if (denied is not null) return denied;
        if (await grains.GetGrain<IProjectGrain>(id).GetLastDecision() is not { } decision) return NotFoundProblem.Of($"项目 {id} 尚无统筹决定。");
        if (Font(configuration, out var missing) is not { } font) return missing!;
        return new PdfFile(TypedResults.File(DecisionLetter.Write(project!, decision, province, font), PdfFile.MediaType, $"decision-{id:N}.pdf"));
    }

    /// <summary>The documents' font, or the 503 to answer when the server has none.</summary>
    public static DocumentFont? Font(IConfiguration configuration, out UnavailableProblem? missing)
    {
        missing = null;
        try
        {
            return DocumentFont.Install(configuration["Documents:FontPath"]);
        }
        catch (DocumentFontMissingException e)
        {
            missing = UnavailableProblem.Of(e.Message, "无法生成文档");
            return null;
        }
    }
}
