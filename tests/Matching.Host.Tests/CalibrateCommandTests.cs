using Matching.Host.Calibration;

namespace Matching.Host.Tests;

/// <summary>The host's <c>calibrate</c> command on a labelled file.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "matching-tests", "labelled-" + Guid.NewGuid().ToString("N") + ".csv");

    public CalibrateCommandTests() => Directory.CreateDirectory(Path.GetDirectoryName(_file)!);

    [Fact]
    public void Calibrate_prints_the_weights_it_changed_as_configuration()
    {
        File.WriteAllLines(_file,
        [
            "industry_code,county_adcode,investment,land_mu",
            "3670,370681,500000,0", "3670,370281,500000,0", "3841,370481,500000,0",
            "2720,371082,500000,0", "3670,370783,500000,0", "3811,370883,500000,0",
        ]);
        var output = new StringWriter();

        var exit = CalibrateCommand.Run(["calibrate", _file], output);

        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("6 labelled projects", text);
        var json = System.Text.Json.Nodes.JsonNode.Parse(text[text.IndexOf('{')..])!;
        var weights = json["Matching"]!["Weights"]!.AsObject();
        Assert.NotEmpty(weights);
        Assert.All(weights, w => Assert.Contains(w.Key, Domain.Fit.WeightCalibration.Tunable));
    }

    [Fact]
    public void A_bad_labelled_file_names_each_bad_line_and_fits_nothing()
    {
        File.WriteAllLines(_file, ["industry_code,county_adcode", "36,370681", "3670,110101", "3670,370681"]);
        var output = new StringWriter();

        var exit = CalibrateCommand.Run(["calibrate", _file], output);

        Assert.Equal(2, exit);
        Assert.Contains("第 2 行 industry_code", output.ToString());
        Assert.Contains("第 3 行 county_adcode", output.ToString());
        Assert.DoesNotContain("Weights", output.ToString());
    }

    public void Dispose()
    {
        if (File.Exists(_file)) File.Delete(_file);
    }
}
