using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Search.Elasticsearch.Tests;

/// <summary>Options validation and the DI registration.</summary>
public sealed class OptionsTests
{
    private static readonly Uri Url = new("http://localhost:9200");

    [Fact]
    public void Defaults_with_an_address_are_valid()
    {
        var options = new ElasticsearchSearchOptions { Url = Url };

        Assert.Empty(options.Validate());
        Assert.Equal("matching-candidates", options.CandidatesIndex);
        Assert.Equal("matching-projects", options.ProjectsIndex);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.RefreshInterval);
    }

    [Theory]
    [InlineData(null, "matching", null, null, null, "Url is required")]
    [InlineData("http://localhost:9200", "Matching", null, null, null, "IndexPrefix 'Matching'")]
    [InlineData("http://localhost:9200", "-matching", null, null, null, "IndexPrefix '-matching'")]
    [InlineData("http://localhost:9200", "a,b", null, null, null, "IndexPrefix 'a,b'")]
    [InlineData("http://localhost:9200", "", null, null, null, "IndexPrefix ''")]
    [InlineData("http://localhost:9200", "matching", "elastic", null, null, "Username and Password go together")]
    [InlineData("http://localhost:9200", "matching", "elastic", "secret", "a2V5", "either Username/Password or ApiKey")]
    public void Invalid_options_are_named(string? url, string prefix, string? username, string? password, string? apiKey, string expected)
    {
        var options = new ElasticsearchSearchOptions
        {
            Url = url is null ? null : new Uri(url),
            IndexPrefix = prefix,
            Username = username,
            Password = password,
            ApiKey = apiKey,
        };

        Assert.Contains(options.Validate(), e => e.Contains(expected, StringComparison.Ordinal));
        var error = Assert.Throws<ArgumentException>(() => ElasticsearchSearchEngine.CreateClientSettings(options));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_engine_over_a_given_client_needs_no_address()
    {
        var (engine, _) = Wire.NewEngine(new ElasticsearchSearchOptions { IndexPrefix = "tenant-a" });

        Assert.Equal("tenant-a-candidates", engine.CandidatesIndex);
        Assert.Equal("tenant-a-projects", engine.ProjectsIndex);
    }

    [Fact]
    public void An_engine_from_options_builds_its_own_client()
    {
        using var engine = new ElasticsearchSearchEngine(Options.Create(new ElasticsearchSearchOptions { Url = Url, ApiKey = "a2V5OnNlY3JldA==" }));

        Assert.Equal("matching-projects", engine.ProjectsIndex);
    }

    [Fact]
    public void The_registration_makes_the_engine_the_search_port_with_validated_options()
    {
        var services = new ServiceCollection();

        services.AddElasticsearchSearch(o =>
        {
            o.Url = Url;
            o.IndexPrefix = "staging";
        });

        var port = Assert.Single(services, d => d.ServiceType == typeof(ISearchEngine));
        Assert.Equal(ServiceLifetime.Singleton, port.Lifetime);
        Assert.Contains(services, d => d.ServiceType == typeof(ElasticsearchSearchEngine) && d.Lifetime == ServiceLifetime.Singleton);

        var configured = new ElasticsearchSearchOptions();
        foreach (var configure in services.Where(d => d.ServiceType == typeof(IConfigureOptions<ElasticsearchSearchOptions>)))
        {
            ((IConfigureOptions<ElasticsearchSearchOptions>)configure.ImplementationInstance!).Configure(configured);
        }

        Assert.Equal("staging-projects", configured.ProjectsIndex);
        var validator = (IValidateOptions<ElasticsearchSearchOptions>)Activator.CreateInstance(
            Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<ElasticsearchSearchOptions>)).ImplementationType!, nonPublic: true)!;
        Assert.True(validator.Validate(Options.DefaultName, configured).Succeeded);
        var failed = validator.Validate(Options.DefaultName, new ElasticsearchSearchOptions { Url = Url, IndexPrefix = "UPPER" });
        Assert.True(failed.Failed);
        Assert.Contains("IndexPrefix 'UPPER'", failed.FailureMessage);
    }
}
