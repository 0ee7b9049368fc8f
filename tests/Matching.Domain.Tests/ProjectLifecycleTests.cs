using Matching.Domain.Projects;

namespace Matching.Domain.Tests;

public sealed class ProjectLifecycleTests
{
    // The whole transition table of the brief: Draft → Open → Contested → Awarded | CoBuilt | Referred
    // (back to Open) → Landed; Withdrawn and Expired end it early.
    private static readonly Dictionary<(ProjectStatus, ProjectTrigger), ProjectStatus> Expected = new()
    {
        [(ProjectStatus.Draft, ProjectTrigger.Publish)] = ProjectStatus.Open,
        [(ProjectStatus.Draft, ProjectTrigger.Withdraw)] = ProjectStatus.Withdrawn,
        [(ProjectStatus.Open, ProjectTrigger.Contest)] = ProjectStatus.Contested,
        [(ProjectStatus.Open, ProjectTrigger.Award)] = ProjectStatus.Awarded,
        [(ProjectStatus.Open, ProjectTrigger.CoBuild)] = ProjectStatus.CoBuilt,
        [(ProjectStatus.Open, ProjectTrigger.Refer)] = ProjectStatus.Referred,
        [(ProjectStatus.Open, ProjectTrigger.Withdraw)] = ProjectStatus.Withdrawn,
        [(ProjectStatus.Open, ProjectTrigger.Expire)] = ProjectStatus.Expired,
        [(ProjectStatus.Contested, ProjectTrigger.Uncontest)] = ProjectStatus.Open,
        [(ProjectStatus.Contested, ProjectTrigger.Reopen)] = ProjectStatus.Open,
        [(ProjectStatus.Contested, ProjectTrigger.Award)] = ProjectStatus.Awarded,
        [(ProjectStatus.Contested, ProjectTrigger.CoBuild)] = ProjectStatus.CoBuilt,
        [(ProjectStatus.Contested, ProjectTrigger.Refer)] = ProjectStatus.Referred,
        [(ProjectStatus.Contested, ProjectTrigger.Withdraw)] = ProjectStatus.Withdrawn,
        [(ProjectStatus.Contested, ProjectTrigger.Expire)] = ProjectStatus.Expired,
        [(ProjectStatus.Referred, ProjectTrigger.Reopen)] = ProjectStatus.Open,
        [(ProjectStatus.Referred, ProjectTrigger.Withdraw)] = ProjectStatus.Withdrawn,
        [(ProjectStatus.Awarded, ProjectTrigger.Land)] = ProjectStatus.Landed,
        [(ProjectStatus.Awarded, ProjectTrigger.Reopen)] = ProjectStatus.Open,
        [(ProjectStatus.Awarded, ProjectTrigger.Withdraw)] = ProjectStatus.Withdrawn,
        [(ProjectStatus.CoBuilt, ProjectTrigger.Land)] = ProjectStatus.Landed,
        [(ProjectStatus.CoBuilt, ProjectTrigger.Reopen)] = ProjectStatus.Open,
        [(ProjectStatus.CoBuilt, ProjectTrigger.Withdraw)] = ProjectStatus.Withdrawn,
        // At(Withdrawn) was withdrawn as a draft, never published: a restore makes it a draft again.
        [(ProjectStatus.Withdrawn, ProjectTrigger.Restore)] = ProjectStatus.Draft,
    };

    public static TheoryData<ProjectStatus, ProjectTrigger> EveryPair()
    {
        var data = new TheoryData<ProjectStatus, ProjectTrigger>();
        foreach (var status in Enum.GetValues<ProjectStatus>())
        foreach (var trigger in Enum.GetValues<ProjectTrigger>())
            data.Add(status, trigger);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Each_status_and_trigger_is_allowed_exactly_as_the_brief_says(ProjectStatus from, ProjectTrigger trigger)
    {
        var project = At(from);

        if (Expected.TryGetValue((from, trigger), out var to))
        {
            var next = project.Settled().Apply(trigger, "tester", DateTimeOffset.UnixEpoch);
            Assert.Equal(to, next.Status);
            Assert.Equal(project.Version + 1, next.Version);
            // Exactly one history entry per change, numbered by the version it produced.
            var entry = Assert.Single(next.Changes);
            Assert.Equal(next.Version, entry.Sequence);
            Assert.Equal((from, to, trigger, "tester"), (entry.From!.Value, entry.To, entry.Trigger!.Value, entry.Actor));
        }
        else
        {
            var error = Assert.Throws<ProjectTransitionException>(() => project.Apply(trigger, "tester", DateTimeOffset.UnixEpoch));
            Assert.Equal(from, error.Status);
        }
    }

    [Theory]
    [InlineData(ProjectStatus.Landed)]
    [InlineData(ProjectStatus.Expired)]
    public void Terminal_states_allow_nothing(ProjectStatus status) => Assert.True(ProjectLifecycle.IsTerminal(status));

    [Theory]
    [InlineData(ProjectTrigger.Publish)]
    [InlineData(ProjectTrigger.Award)]
    [InlineData(ProjectTrigger.Refer)]
    public void A_published_project_restored_after_withdrawal_is_open_again(ProjectTrigger before)
    {
        var at = DateTimeOffset.UnixEpoch.AddDays(3);
        var project = At(ProjectStatus.Draft).Apply(ProjectTrigger.Publish, "o", DateTimeOffset.UnixEpoch);
        if (before != ProjectTrigger.Publish) project = project.Apply(before, "c", DateTimeOffset.UnixEpoch);
        var withdrawn = project.Apply(ProjectTrigger.Withdraw, "o", at, "投资方暂缓").Settled();

        var restored = withdrawn.Apply(ProjectTrigger.Restore, "o", at.AddDays(1), "投资方重启");

        Assert.Equal(ProjectStatus.Open, restored.Status);
        var entry = Assert.Single(restored.Changes);
        Assert.Equal((ProjectStatus.Withdrawn, ProjectStatus.Open, ProjectTrigger.Restore, "投资方重启"), (entry.From!.Value, entry.To, entry.Trigger!.Value, entry.Note));
        // The first publication stays the first.
        Assert.Equal(DateTimeOffset.UnixEpoch, restored.PublishedAt);
        Assert.Throws<ProjectTransitionException>(() => restored.Apply(ProjectTrigger.Restore, "o", at));
    }

    [Theory]
    [InlineData(ProjectStatus.Draft, true)]
    [InlineData(ProjectStatus.Open, true)]
    [InlineData(ProjectStatus.Contested, false)]
    [InlineData(ProjectStatus.Awarded, false)]
    [InlineData(ProjectStatus.Withdrawn, false)]
    public void Edits_only_while_draft_or_open(ProjectStatus status, bool editable)
    {
        var project = At(status);

        if (editable)
        {
            var edited = project.Edit(project.Details with { Title = "新" }, "officer", DateTimeOffset.UnixEpoch);
            Assert.Equal("新", edited.Details.Title);
            Assert.Equal(ProjectEventKind.Edited, edited.Changes[^1].Kind);
            Assert.Equal(status, edited.Status);
        }
        else
        {
            Assert.Throws<ProjectTransitionException>(() => project.Edit(project.Details, "officer", DateTimeOffset.UnixEpoch));
        }
    }

    [Fact]
    public void Publishing_stamps_the_first_publication_only()
    {
        var t1 = DateTimeOffset.UnixEpoch.AddDays(1);
        var t2 = t1.AddDays(1);
        var project = At(ProjectStatus.Draft).Apply(ProjectTrigger.Publish, "o", t1)
            .Apply(ProjectTrigger.Refer, "c", t2).Apply(ProjectTrigger.Reopen, "c", t2);

        Assert.Equal(t1, project.PublishedAt);
    }

    /// <summary>A project brought to a status along allowed transitions only.</summary>
    private static Project At(ProjectStatus status)
    {
        var path = status switch
        {
            ProjectStatus.Draft => [],
            ProjectStatus.Open => [ProjectTrigger.Publish],
            ProjectStatus.Contested => [ProjectTrigger.Publish, ProjectTrigger.Contest],
            ProjectStatus.Awarded => [ProjectTrigger.Publish, ProjectTrigger.Award],
            ProjectStatus.CoBuilt => [ProjectTrigger.Publish, ProjectTrigger.CoBuild],
            ProjectStatus.Referred => [ProjectTrigger.Publish, ProjectTrigger.Refer],
            ProjectStatus.Landed => [ProjectTrigger.Publish, ProjectTrigger.Award, ProjectTrigger.Land],
            ProjectStatus.Withdrawn => [ProjectTrigger.Withdraw],
            ProjectStatus.Expired => new[] { ProjectTrigger.Publish, ProjectTrigger.Expire },
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        var project = Project.Create(Guid.NewGuid(), Samples.Details(), "officer", DateTimeOffset.UnixEpoch);
        return path.Aggregate(project, (p, t) => p.Apply(t, "setup", DateTimeOffset.UnixEpoch));
    }
}
