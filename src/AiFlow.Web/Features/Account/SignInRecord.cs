using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Account;

/// <summary>Stamps a user's last sign-in, for the users page.</summary>
public sealed class SignInRecord(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock)
{
    public async Task SignedInAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One statement, outside Identity's concurrency stamp (so it races with no Admin's change) and out of the audit
        // log: a sign-in is not an account change.
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, clock.GetUtcNow()), cancellationToken);
    }
}
