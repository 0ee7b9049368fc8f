using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Domain;
using Matching.Domain.Compliance;
using Matching.Domain.Escalation;

namespace Matching.Seeds.Tests;

/// <summary>
/// The one versioned rule-set loader: both shipped rule files load through it, are served in the shape
/// they are stored in (every member, in the file's order), and a broken file is refused naming the file.
/// </summary>
public sealed class RuleFilesTests
{
    private static readonly string Root = ShandongSeeds.DefaultPath;

    [Theory]
    [InlineData(FairCompetitionRules.RelativePath)]
    [InlineData(EscalationRules.RelativePath)]
    public void A_shipped_rule_file_is_served_as_it_is_stored(string relativePath)
    {
        object set = relativePath == EscalationRules.RelativePath ? EscalationRules.Load(Root) : FairCompetitionRules.Load(Root);
        var stored = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, relativePath)), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        var served = JsonSerializer.SerializeToNode(set, set.GetType(), MatchingJson.Options)!.AsObject();

        Assert.Equal(stored.Select(p => p.Key), served.Select(p => p.Key));
        Assert.Equal(stored["version"]!.GetValue<string>(), served["version"]!.GetValue<string>());
        var storedRules = stored["rules"]!.AsArray();
        var servedRules = served["rules"]!.AsArray();
        Assert.Equal(storedRules.Select(r => r!["id"]!.GetValue<string>()), servedRules.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(storedRules.Select(r => r!["effectiveFrom"]!.GetValue<string>()), servedRules.Select(r => r!["effectiveFrom"]!.GetValue<string>()));
    }

    [Fact]
    public void A_broken_rule_file_is_refused_naming_the_file_and_the_problem()
    {
        var root = Directory.CreateTempSubdirectory("rule-files-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "rules"));
            // Overlapping versions of one fair-competition rule; two timeout rules in force at once.
            File.WriteAllText(Path.Combine(root, FairCompetitionRules.RelativePath), """
                {"version":"x","effectiveFrom":"2025-01-01","source":"s","rules":[
                  {"id":"A","kind":"bannedPhrase","title":"t","text":"t","source":"s","effectiveFrom":"2025-01-01","parameters":{"phrases":["甲"]}},
                  {"id":"A","kind":"bannedPhrase","title":"t","text":"t","source":"s","effectiveFrom":"2025-06-01","parameters":{"phrases":["乙"]}}]}
                """);
            File.WriteAllText(Path.Combine(root, EscalationRules.RelativePath), """
                {"version":"x","effectiveFrom":"2025-01-01","source":"s","rules":[
                  {"id":"T1","kind":"timeout","title":"t","text":"","source":"s","effectiveFrom":"2025-01-01","parameters":{"days":15}},
                  {"id":"T2","kind":"timeout","title":"t","text":"","source":"s","effectiveFrom":"2025-03-01","parameters":{"days":10}}]}
                """);

            var fair = Assert.Throws<InvalidDataException>(() => FairCompetitionRules.Load(root));
            Assert.StartsWith("seeds/rules/fair-competition.json: Rule set is not valid:", fair.Message);
            Assert.Contains("rule A: versions from 2025-01-01 and 2025-06-01 overlap.", fair.Message);
            var escalation = Assert.Throws<InvalidDataException>(() => EscalationRules.Load(root));
            Assert.StartsWith("seeds/rules/escalation.json: Escalation rules are not valid:", escalation.Message);
            Assert.Contains("kind Timeout: rules T1 and T2 overlap.", escalation.Message);
            // An escalation rule needs no text; a fair-competition rule does.
            Assert.DoesNotContain("text is empty", escalation.Message);
            Assert.Contains("text is empty", Assert.Throws<InvalidDataException>(() => RuleBook.Parse("""
                {"version":"x","effectiveFrom":"2025-01-01","source":"s","rules":[
                  {"id":"A","kind":"bannedPhrase","title":"t","text":"","source":"s","effectiveFrom":"2025-01-01","parameters":{"phrases":["甲"]}}]}
                """)).Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
