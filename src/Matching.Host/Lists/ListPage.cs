using System.Reflection;
using Matching.Host.Apis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Matching.Host.Lists;

/// <summary>
/// A list endpoint's answer (<see cref="ListResults.Respond{T}"/>): one page of rows as JSON (the filtered
/// total in <c>X-Total-Count</c>), every filtered row as an .xlsx workbook (<c>format=xlsx</c>), or a 400
/// naming the bad parameter. Its type documents all three in OpenAPI; it is written by the framework
/// result it wraps (<see cref="Ok{TValue}"/>, <see cref="XlsxFile"/>, <see cref="ValidationProblem"/>).
/// </summary>
public sealed class ListPage<T> : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private ListPage(IResult inner) => Inner = inner;

    /// <summary>The answer as the framework writes it.</summary>
    public IResult Inner { get; }

    /// <inheritdoc />
    public int? StatusCode => (Inner as IStatusCodeHttpResult)?.StatusCode;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => Inner.ExecuteAsync(httpContext);

    /// <summary>A page of rows.</summary>
    public static implicit operator ListPage<T>(Ok<T[]> page) => new(page);

    /// <summary>The whole list as a workbook.</summary>
    public static implicit operator ListPage<T>(XlsxFile file) => new(file);

    /// <summary>A bad list parameter.</summary>
    public static implicit operator ListPage<T>(ValidationProblem problem) => new(problem);

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Populate<Ok<T[]>>(method, builder);
        Populate<XlsxFile>(method, builder);
        Populate<ValidationProblem>(method, builder);
    }

    private static void Populate<TResult>(MethodInfo method, EndpointBuilder builder) where TResult : IEndpointMetadataProvider =>
        TResult.PopulateMetadata(method, builder);
}
