using System.Net;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.E2E;

/// <summary>
/// Two console nodes on one database behind a load balancer: what one node signs (antiforgery token, sign-in cookie)
/// the other accepts. Node B is a separate process with its own home directory, like another machine.
/// </summary>
public sealed class SharedKeyRingTests : IDisposable
{
    private readonly DirectoryInfo home = Directory.CreateTempSubdirectory("aiflow-node-b-");

    public void Dispose() => home.Delete(recursive: true);

    [Fact]
    public async Task A_sign_in_on_one_console_node_is_accepted_by_another_node_on_the_same_database()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var nodeA = new ConsoleApp(database.ConnectionString);
        nodeA.Start();
        var (process, nodeB) = await WorkerProcess.StartListeningAsync(database.ConnectionString, new Dictionary<string, string>
        {
            ["AiFlow__Execution__Role"] = "web",
            // Another machine: the default key store ($HOME/.aspnet/DataProtection-Keys) is not the test runner's.
            ["HOME"] = home.FullName,
        });
        await using var _ = process;
        // One browser: cookies go to both nodes (they differ only in port), as behind a load balancer.
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler);

        var anonymous = await browser.GetAsync(new Uri(nodeB, "/runs"));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);

        // The form and its antiforgery token come from node B; the post lands on node A.
        var form = await browser.GetStringAsync(new Uri(nodeB, "/signin"));
        var signIn = await browser.PostAsync(new Uri(nodeA.BaseAddress, "/account/signin"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.HiddenValue(form, "__RequestVerificationToken"),
            ["email"] = "ops@aiflow.local",
            ["password"] = ConsoleApp.DemoPassword,
            ["returnUrl"] = "/runs",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/runs", signIn.Headers.Location?.OriginalString);

        var signedIn = await browser.GetAsync(new Uri(nodeB, "/runs"));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("select count(*)::int as \"Value\" from data_protection_keys").SingleAsync());
    }
}
