using Matching.Domain.JointBids;

namespace Matching.Contracts;

/// <summary>
/// A project's joint bids (联合招商): proposed by a lead county with partner counties and shares, counted as
/// the lead's bid once every partner confirmed. Implemented by the project grain beside <see cref="IProjectGrain"/>.
/// </summary>
[Alias("Matching.IProjectJointBids")]
public interface IProjectJointBids : IGrainWithGuidKey
{
    /// <summary>Every joint bid proposed on the project (pending and counted), by lead county.</summary>
    [Alias("GetJointBids"), ReadOnly]
    Task<IReadOnlyList<JointBid>> GetJointBids();

    /// <summary>A lead county proposes a joint bid; its offer is screened by the firewall now, the partners' texts when they confirm.</summary>
    /// <param name="input">The offer, the shares, the partners.</param>
    /// <param name="lead">The lead county (the caller's).</param>
    /// <param name="eligible">Counties the lead may bid with (neighbours and pairing partners).</param>
    /// <param name="actor">The lead's account.</param>
    [Alias("ProposeJointBid")]
    Task<CommandResult<JointBid>> ProposeJointBid(JointBidInput input, string lead, IReadOnlyList<string> eligible, string actor);

    /// <summary>A partner confirms with its own commitments (screened by the firewall); the last confirmation places the bid.</summary>
    [Alias("ConfirmJointBid")]
    Task<CommandResult<JointBid>> ConfirmJointBid(string lead, string partner, PartnerConfirmationInput input, string actor);

    /// <summary>An invited partner declines with a reason: the joint bid is closed and never counts; the lead hears of it live.</summary>
    [Alias("DeclineJointBid")]
    Task<CommandResult<JointBid>> DeclineJointBid(string lead, string partner, PartnerDeclineInput input, string actor);
}
