using Matching.Host.Auth;
using Matching.Host.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Matching.Host.Security;

/// <summary>
/// A hub connection lives only as long as its account: the connection is recorded in
/// <see cref="HubConnections"/> (so that disabling the account closes it on every host, through
/// <see cref="RemoteLiveHub.CloseConnectionsOf"/>), and every method call checks the stored account as
/// every REST request does (<see cref="AccountTokens"/>): a call of a disabled, removed or changed
/// account is refused and its connection closed. An external issuer's users have no stored account.
/// </summary>
public sealed class AccountHubGuard(HubConnections connections, IGrainFactory grains, IOptions<AuthOptions> auth) : IHubFilter
{
    private bool Embedded => string.IsNullOrEmpty(auth.Value.Authority);

    /// <inheritdoc />
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.User?.AsActor() is { } actor)
        {
            connections.Add(actor.UserName, context.Context);
            // Disabled between the token's check and this record: it would miss the close.
            if (Embedded && !await AccountTokens.IsCurrent(context.Context.User, grains))
            {
                context.Context.Abort();
                return;
            }
        }

        await next(context);
    }

    /// <inheritdoc />
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = invocationContext.Context;
        if (Embedded && !await AccountTokens.IsCurrent(connection.User, grains))
        {
            connection.Abort();
            throw new HubException("账号已停用或已变更，连接已关闭，请重新登录。");
        }

        return await next(invocationContext);
    }

    /// <inheritdoc />
    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.User?.AsActor() is { } actor) connections.Remove(actor.UserName, context.Context);
        return next(context, exception);
    }
}
