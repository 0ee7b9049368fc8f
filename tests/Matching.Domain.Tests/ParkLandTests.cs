using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Parks;
using Matching.Domain.Projects;
using Matching.Domain.Validation;

namespace Matching.Domain.Tests;

/// <summary>A park's available land: self-declared by its county until verified; the model reads the value in force.</summary>
public sealed class ParkLandTests
{
    private static readonly FigureCheck Check = new("coordinator", DateTimeOffset.UnixEpoch, "已核对");

    private static ParkProfile Profile(decimal land) =>
        new([], new Figure(land, FigureSource.Default), new Figure(260, FigureSource.Default), new Figure(15, FigureSource.Default));

    [Fact]
    public void A_countys_value_is_self_declared_over_the_value_in_force_and_a_review_settles_it()
    {
        var declared = new ParkLandInput(900).ApplyTo(Profile(500), FigureSource.County, reserved: 0);
        Assert.True(declared.AvailableLandMu.SelfDeclared);
        Assert.Equal(900, declared.AvailableLandMu.Value);
        Assert.Equal(500, declared.AvailableLandMu.InForce);

        // The value in force again withdraws the declaration.
        Assert.False(new ParkLandInput(500).ApplyTo(declared, FigureSource.County, 0).AvailableLandMu.SelfDeclared);

        var verified = ParkLand.Review(declared, verified: true, Check)!;
        Assert.Equal(900, verified.AvailableLandMu.InForce);
        Assert.Equal(Check, verified.AvailableLandMu.Check);
        Assert.Equal(500, ParkLand.Review(declared, verified: false, Check)!.AvailableLandMu.InForce);
        Assert.Null(ParkLand.Review(verified, verified: true, Check));

        var coordinator = new ParkLandInput(700).ApplyTo(Profile(500), FigureSource.Coordinator, 0);
        Assert.False(coordinator.AvailableLandMu.SelfDeclared);
        Assert.Equal(700, coordinator.AvailableLandMu.InForce);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    [InlineData(99)]
    public void A_missing_or_out_of_range_value_or_one_below_what_is_reserved_is_refused_naming_the_field(int? land)
    {
        var error = Assert.Throws<DomainValidationException>(() => new ParkLandInput(land).ApplyTo(Profile(500), FigureSource.County, reserved: 100));
        Assert.True(error.Errors.ToDictionary().ContainsKey("availableLandMu"));
    }

    [Fact]
    public void The_fast_ranking_and_the_county_by_county_model_read_a_pending_park_land_as_the_value_in_force()
    {
        var snapshot = Samples.Snapshot();
        var county = snapshot.Find("371323")!;
        var largest = county.Parks.MaxBy(p => p.Profile.AvailableLandMu.Value)!;
        var land = largest.Profile.AvailableLandMu.Value;
        var pending = largest with { Profile = new ParkLandInput(land + 5000).ApplyTo(largest.Profile, FigureSource.County, 0) };
        snapshot = snapshot.With(county with { Parks = [.. county.Parks.Select(p => p.Id == largest.Id ? pending : p)] });
        var model = Samples.Model();
        var project = new ProjectDetails("测试项目", "", IndustryCode.Parse("3670"), null, null, 150_000, land + 1000, 5000, 300, 20_000, false, false,
            new Investor("某企业", null, InvestorKind.Private), null, null);

        var totals = model.ScoreAll(project, snapshot);
        var index = snapshot.All.ToList().FindIndex(c => c.Adcode == county.Adcode);
        Assert.Null(totals[index]);
        var exclusion = model.Assess(project, snapshot.All[index], snapshot).Exclusion!;
        Assert.Contains($"县自报 {land + 5000:#,0.#} 亩 待核实，按核定值计", exclusion.Reasons[0]);
        for (var i = 0; i < totals.Length; i++) Assert.Equal(model.Score(project, snapshot.All[i], snapshot), totals[i]);
    }
}
