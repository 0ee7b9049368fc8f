using Matching.Contracts.Access;
using Matching.Host.Hosting;
using Microsoft.AspNetCore.Identity;

namespace Matching.Host.Auth;

/// <summary>
/// <c>reset-password &lt;user&gt;</c>: gives an account a new generated password and prints it. It
/// starts a silo on the configured storage, so the embedded host must be stopped first (one SQLite
/// writer); in a cluster it joins as a short-lived member.
/// </summary>
public static class PasswordReset
{
    /// <param name="args">The host's arguments, starting with <c>reset-password</c>.</param>
    /// <param name="output">Where the new password is written (the console by default).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        var userName = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (string.IsNullOrWhiteSpace(userName))
        {
            Console.Error.WriteLine("usage: reset-password <user> [--Storage:Path=data] [--Storage:Provider=… --Storage:ConnectionString=…]");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args.Skip(1).Where(a => a != userName)],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddMatchingSilo();
        await using var app = builder.Build();
        await app.StartAsync();
        try
        {
            var account = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(userName);
            if (await account.Get() is not { } existing)
            {
                Console.Error.WriteLine($"No account named '{userName}'.");
                return 1;
            }

            var password = AccountSeeder.NewPassword();
            // As the account's own change: every token issued with the old password is refused from now on.
            await account.ChangePassword(new PasswordHasher<Account>().HashPassword(existing, password));
            output.WriteLine($"New password of {userName}: {password}");
            return 0;
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
