using Matching.Domain.Agreements;
using Matching.Grains.Agreements;
using Matching.Grains.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Grains.Tests;

/// <summary>
/// A write of the agreement book whose recount fails (the ledger sums' store refusing, as a lost
/// database connection would) leaves the recount owed; the sweep recounts it once the store answers
/// again, leaves it owed while it does not, and a superseded agreement credits nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OwedRecountsTests(ClusterFixture fixture)
{
    private const string Lead = "371002", Partner = "371082";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failed_recount_stays_owed_until_a_sweep_recounts_it()
    {
        var (book, ledgers, owed) = (fixture.Silo.GetRequiredService<AgreementBook>(), fixture.Silo.GetRequiredService<CountyYearLedgers>(), fixture.Silo.GetRequiredService<OwedRecounts>());
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year + 1; // a year no other test of the silo writes
        var before = await ledgers.ReadAsync([Lead, Partner], year, Ct);
        var agreement = new Agreement(Guid.NewGuid(), "补账测试项目", AgreementKind.CoBuild, Lead, [new(Lead, 70), new(Partner, 30)], "自定义", year, 2,
            SharedIndicators.All, 1, "coordinator", DateTimeOffset.UtcNow, AgreementStatus.Confirmed);
        await book.PutAsync(agreement, Ct);
        RealisedAmount[] amounts = [new(SharedIndicator.FixedAssetInvestment, new DateOnly(year, 6, 30), 1_000.5m, "县统计局年报", "coordinator")];

        try
        {
            InjectedRowFaults.Failing = "county-ledger"; // the ledger sums (CountyYearLedgers)
            await Assert.ThrowsAnyAsync<Exception>(() => book.PutFiguresAsync(agreement.ProjectId, year, amounts, Ct));
            // The figures are stored, the sums are behind them, and a sweep while the store still refuses leaves them owed.
            Assert.Equal(amounts[0].Amount, (await book.FiguresAsync(agreement.ProjectId, year, Ct))[0].Amount);
            Assert.Equal(before[Lead].Official, (await ledgers.ReadAsync([Lead], year, Ct))[Lead].Official);
            Assert.Equal(0, await owed.RepairAsync(cancellationToken: Ct));
        }
        finally
        {
            InjectedRowFaults.Failing = null;
        }

        Assert.True(await owed.RepairAsync(pageSize: 1, cancellationToken: Ct) >= 1);
        var after = await ledgers.ReadAsync([Lead, Partner], year, Ct);
        Assert.Equal(before[Lead].Official.FixedAssetInvestment + 1_000.5m, after[Lead].Official.FixedAssetInvestment);
        Assert.Equal(before[Lead].Assessment.FixedAssetInvestment + 700.35m, after[Lead].Assessment.FixedAssetInvestment);
        Assert.Equal(before[Partner].Assessment.FixedAssetInvestment + 300.15m, after[Partner].Assessment.FixedAssetInvestment);
        // Nothing is owed any more, and a second sweep moves nothing.
        Assert.Equal(0, await owed.RepairAsync(cancellationToken: Ct));
        Assert.Equal(after[Lead], (await ledgers.ReadAsync([Lead], year, Ct))[Lead]);

        // Superseded by a later decision: its years are no longer anyone's.
        await book.PutAsync(agreement with { Status = AgreementStatus.Superseded }, Ct);
        Assert.Equal(before[Lead], (await ledgers.ReadAsync([Lead], year, Ct))[Lead]);
        Assert.Equal(before[Partner], (await ledgers.ReadAsync([Partner], year, Ct))[Partner]);
    }
}
