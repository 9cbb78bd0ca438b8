using System.Net;
using System.Net.Http.Json;
using AiFlow.Domain.Access;
using AiFlow.Domain.Common;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Admin;
using AiFlow.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>
/// A user's life on a console of its own (its set of Admins is known, and it checks security stamps every second instead
/// of every minute): an Admin creates them in the users page, they replace the one-time password at first sign-in,
/// the Admin disables them and their open session ends; and the console never lets Admins lock themselves out.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class UserLifecycleTests(ConsoleFixture console)
{
    private const string Admin = "admin@aiflow.local";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private const float Generous = 60_000;

    private static async Task<ConsoleApp> StartAsync(TestDatabase database)
    {
        var app = new ConsoleApp(database.ConnectionString, new Dictionary<string, string>
        {
            [$"{SecurityOptions.Section}:{nameof(SecurityOptions.StampValidationInterval)}"] = Interval.ToString(),
        });
        app.Start();
        return app;
    }

    [Fact]
    public async Task A_created_user_replaces_the_one_time_password_then_a_disable_or_a_reset_ends_their_session()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var app = await StartAsync(database);
        var email = $"new-{Guid.NewGuid():N}@example.com";
        const string chosen = "Chosen-pass42";

        // The Admin creates the user in the page and reads the one-time password off it.
        var admin = await console.SignedInPageAsync(Admin, returnUrl: "/admin/users", app: app);
        await SignInPage.WaitForInteractiveAsync(admin);
        await admin.Locator("input[data-testid=user-new-email], [data-testid=user-new-email] input").First.FillAsync(email);
        await ConsolePage.PickAsync(admin, "user-new-role", "Ops");
        await admin.GetByTestId("user-create").ClickAsync();
        var oneTime = (await admin.GetByTestId("user-one-time-password").InnerTextAsync(new() { Timeout = 60_000 })).Trim();
        await Assertions.Expect(admin.GetByTestId($"user-last-sign-in-{email}")).ToHaveTextAsync("Never");

        // The one-time password opens only the form that replaces it; then the user is signed in where they were going.
        var user = await console.NewPageAsync(app);
        await new SignInPage(user).SignInAsync(email, oneTime, "/runs");
        Assert.Contains("/signin/new-password", user.Url, StringComparison.Ordinal);
        Assert.Equal(401, (await user.APIRequest.GetAsync("/api/me")).Status);
        await user.FillAsync("#password", oneTime);
        await user.FillAsync("#newPassword", chosen);
        await user.FillAsync("#confirmPassword", chosen);
        await user.ClickAsync("form[data-testid=new-password-form] button[type=submit]");
        await ConsolePage.WaitForUrlAsync(user, new System.Text.RegularExpressions.Regex("/runs$"), Generous);
        await SignInPage.WaitForInteractiveAsync(user);
        Assert.Equal(200, (await user.APIRequest.GetAsync("/api/me")).Status);

        // The Admin sees the sign-in, then disables the user.
        await admin.ReloadAsync();
        await SignInPage.WaitForInteractiveAsync(admin);
        await Assertions.Expect(admin.GetByTestId($"user-last-sign-in-{email}")).Not.ToHaveTextAsync("Never", new() { Timeout = 60_000 });
        await admin.GetByTestId($"user-disable-{email}").ClickAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(admin.GetByText($"{email} is disabled.")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // The open circuit signs out at its next check; a fresh navigation lands on the sign-in page too.
        await ConsolePage.WaitForUrlAsync(user, new System.Text.RegularExpressions.Regex("/signin"), Generous);
        await user.GotoAsync("/runs");
        Assert.Contains("/signin", user.Url, StringComparison.Ordinal);
        await new SignInPage(user).SignInAsync(email, chosen, "/runs");
        await Assertions.Expect(new SignInPage(user).Error).ToBeVisibleAsync();

        await using var db = database.CreateContext();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "AppUser" && a.EntityId == id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Updated], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(Admin, a.UserName));
        Assert.Contains("DisabledAt", audit[1].After, StringComparison.Ordinal);

        // Enabled again, the user signs in with the password they chose.
        await admin.GetByTestId($"user-enable-{email}").ClickAsync();
        await Assertions.Expect(admin.GetByText($"{email} is enabled.")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await new SignInPage(user).SignInAsync(email, chosen, "/runs");
        await ConsolePage.WaitForUrlAsync(user, new System.Text.RegularExpressions.Regex("/runs$"), Generous);
        await SignInPage.WaitForInteractiveAsync(user);

        // A reset ends the session as well, retires the chosen password and leads to the form again.
        await admin.GetByTestId($"user-reset-password-{email}").ClickAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Reset" }).ClickAsync();
        await Assertions.Expect(admin.GetByText($"{email} has a new one-time password.")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var reset = (await admin.GetByTestId("user-one-time-password").InnerTextAsync()).Trim();
        Assert.NotEqual(oneTime, reset);
        await ConsolePage.WaitForUrlAsync(user, new System.Text.RegularExpressions.Regex("/signin"), Generous);
        await new SignInPage(user).SignInAsync(email, chosen, "/runs");
        await Assertions.Expect(new SignInPage(user).Error).ToBeVisibleAsync();
        await new SignInPage(user).SignInAsync(email, reset, "/runs");
        Assert.Contains("/signin/new-password", user.Url, StringComparison.Ordinal);
        foreach (var page in new[] { admin, user }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_cannot_disable_themselves_nor_disable_or_demote_the_last_enabled_admin()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var app = await StartAsync(database);
        var service = app.Services.GetRequiredService<UserAdminService>();
        using var api = new HttpClient { BaseAddress = app.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ConsoleApp.DemoApiKey);
        var adminId = (await service.ListAsync(CancellationToken.None)).Single(u => u.Email == Admin).Id;

        // The demo Admin is the only one: neither a disable nor a demotion may leave none.
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync(new Uri($"/api/users/{adminId}/disable", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PutAsJsonAsync(new Uri($"/api/users/{adminId}/role", UriKind.Relative), new UserRoleRequest(Roles.Ops))).StatusCode);
        Assert.Equal(UserAdminOutcome.Refused, (await service.DisableAsync(adminId, adminId, CancellationToken.None)).Outcome);

        // With a second Admin, the first still cannot disable or demote themselves, but may disable the other one...
        var second = (await service.CreateAsync(new CreateUserRequest($"second-{Guid.NewGuid():N}@example.com", null, Roles.Admin), CancellationToken.None)).Password!;
        Assert.Equal(UserAdminOutcome.Refused, (await service.DisableAsync(adminId, adminId, CancellationToken.None)).Outcome);
        Assert.Equal(UserAdminOutcome.Refused, (await service.AssignRoleAsync(adminId, adminId, Roles.Ops, CancellationToken.None)).Outcome);
        Assert.Equal(UserAdminOutcome.Done, (await service.DisableAsync(adminId, second.Id, CancellationToken.None)).Outcome);

        // ...after which the first is the last enabled Admin again, even for another caller.
        Assert.Equal(UserAdminOutcome.Refused, (await service.DisableAsync(second.Id, adminId, CancellationToken.None)).Outcome);
        Assert.Equal(UserAdminOutcome.Refused, (await service.AssignRoleAsync(null, adminId, Roles.Reviewer, CancellationToken.None)).Outcome);
        await using var db = database.CreateContext();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == adminId)).DisabledAt);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityId == adminId));
    }
}
