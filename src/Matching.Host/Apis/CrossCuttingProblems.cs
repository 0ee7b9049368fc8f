using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;

namespace Matching.Host.Apis;

/// <summary>
/// The answers an endpoint can give that come from rules on its route group rather than from its
/// handler: 429 from the per-identity limiter (every request); unless the endpoint allows anonymous
/// callers, 401 (no or a stale token) and 403 (the fallback policy or a group's role policy); where it
/// reads a body, 400 (malformed), 413 (over the group's size limit) and 415 (not its media type), which
/// the exception handler answers (<see cref="ErrorHandling.BadRequestExceptionHandler"/>).
/// Documented once here so every operation's OpenAPI entry lists them.
/// </summary>
internal static class CrossCuttingProblems
{
    public static TBuilder DocumentCrossCuttingProblems<TBuilder>(this TBuilder group) where TBuilder : IEndpointConventionBuilder
    {
        group.Finally(endpoint =>
        {
            Add(endpoint, StatusCodes.Status429TooManyRequests);
            if (endpoint.Metadata.OfType<IAcceptsMetadata>().Any())
            {
                Add(endpoint, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
                Add(endpoint, StatusCodes.Status413PayloadTooLarge);
                Add(endpoint, StatusCodes.Status415UnsupportedMediaType);
            }

            if (endpoint.Metadata.OfType<IAllowAnonymous>().Any()) return;
            Add(endpoint, StatusCodes.Status401Unauthorized);
            Add(endpoint, StatusCodes.Status403Forbidden);
        });
        return group;
    }

    private static void Add(EndpointBuilder endpoint, int status, Type? body = null)
    {
        if (endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status)) return;
        endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, body ?? typeof(ProblemDetails), [StatusProblem.ContentType]));
    }
}
