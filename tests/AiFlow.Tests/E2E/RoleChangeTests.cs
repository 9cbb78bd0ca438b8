using System.Diagnostics;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;
using AiFlow.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>
/// An Admin demotes a Reviewer on a console that checks security stamps every second (a minute by default): the
/// Reviewer's cookie and open circuit lose the role at their next check, and the change is in the audit log.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class RoleChangeTests(ConsoleFixture console)
{
    private const string Reviewer = "reviewer@aiflow.local";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_demoted_reviewer_loses_review_access_in_their_cookie_and_open_circuit_and_the_change_is_audited()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var app = new ConsoleApp(database.ConnectionString, new Dictionary<string, string>
        {
            [$"{SecurityOptions.Section}:{nameof(SecurityOptions.StampValidationInterval)}"] = Interval.ToString(),
        });
        app.Start();
        var groundTruth = $"/api/ground-truth?scope={Guid.NewGuid()}";
        // One sign-in kept only as a cookie (no circuit), one with the review page open in a circuit.
        var cookie = await SignedInAsync(app, Reviewer, "/");
        await cookie.GotoAsync("about:blank");
        var circuit = await SignedInAsync(app, Reviewer, "/review");
        await SignInPage.WaitForInteractiveAsync(circuit);
        Assert.Equal(200, (await cookie.APIRequest.GetAsync(groundTruth)).Status);

        var admin = await SignedInAsync(app, "admin@aiflow.local", "/admin/users");
        await SignInPage.WaitForInteractiveAsync(admin);
        await ConsolePage.PickAsync(admin, $"user-role-select-{Reviewer}", "Ops");
        await admin.GetByTestId($"user-role-save-{Reviewer}").ClickAsync();
        await Assertions.Expect(admin.GetByText($"{Reviewer} is now Ops.")).ToBeVisibleAsync();
        var demoted = Stopwatch.StartNew();

        var status = 200;
        while (status == 200 && demoted.Elapsed < TimeSpan.FromSeconds(10))
        {
            status = (await cookie.APIRequest.GetAsync(groundTruth)).Status;
            if (status == 200) await Task.Delay(100);
        }
        Assert.Equal(401, status);
        Assert.True(demoted.Elapsed < Interval * 3, $"the cookie kept the role {demoted.Elapsed.TotalSeconds:0.0} s");
        await ConsolePage.WaitForUrlAsync(circuit, new System.Text.RegularExpressions.Regex("/signin"), 10_000);

        var again = await SignedInAsync(app, Reviewer, "/");
        Assert.Equal(403, (await again.APIRequest.GetAsync(groundTruth)).Status);
        await using var db = database.CreateContext();
        var reviewerId = await db.Users.Where(u => u.Email == Reviewer).Select(u => u.Id).SingleAsync();
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == "AppUser" && a.EntityId == reviewerId);
        Assert.Equal("admin@aiflow.local", entry.UserName);
        Assert.Equal("[\"Reviewer\"]", JsonNode.Parse(entry.Before!)!["Roles"]!.ToJsonString());
        Assert.Equal("[\"Ops\"]", JsonNode.Parse(entry.After!)!["Roles"]!.ToJsonString());
        foreach (var page in new[] { cookie, circuit, admin, again }) await page.Context.CloseAsync();
    }

    private Task<IPage> SignedInAsync(ConsoleApp app, string email, string returnUrl) =>
        console.SignedInPageAsync(email, returnUrl: returnUrl, app: app);
}
