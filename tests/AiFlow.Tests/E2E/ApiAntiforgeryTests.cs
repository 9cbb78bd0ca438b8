using System.Net;
using System.Text;
using AiFlow.Tests.Support;
using AiFlow.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.E2E;

/// <summary><c>/api</c> takes Bearer keys, and the sign-in cookie only with an antiforgery header.</summary>
[Collection(ConsoleCollection.Name)]
public class ApiAntiforgeryTests(ConsoleFixture console)
{
    private const string RunBody = """{"input":{"subject":"Printer on fire","body":"It is on fire."}}""";

    [Fact]
    public async Task A_cross_origin_text_plain_post_riding_on_the_cookie_starts_nothing_while_a_bearer_key_starts_the_run()
    {
        using var browser = new BrowserSession(console.App.BaseAddress);
        await browser.SignInAsync("ops@aiflow.local", ConsoleApp.DemoPassword);
        var before = await RunsRequestedByAsync("ops@aiflow.local");

        using var forged = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/pipelines/ticket-triage/runs", UriKind.Relative))
        {
            Content = new StringContent(RunBody, Encoding.UTF8, "text/plain"),
        };
        forged.Headers.Add("Origin", "http://evil.example");
        var refused = await browser.Client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(ApiAntiforgery.HeaderName, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await RunsRequestedByAsync("ops@aiflow.local"));

        using var api = console.ApiClient(ConsoleApp.DemoApiKey);
        var started = await api.PostAsync(new Uri("/api/pipelines/ticket-triage/runs", UriKind.Relative), new StringContent(RunBody, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
    }

    [Fact]
    public async Task A_cookie_request_with_the_antiforgery_header_is_accepted_and_cookie_reads_need_none()
    {
        using var browser = new BrowserSession(console.App.BaseAddress);
        await browser.SignInAsync("ops@aiflow.local", ConsoleApp.DemoPassword);
        var token = await browser.FormTokenAsync("/runs");

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/pipelines/ticket-triage/runs", UriKind.Relative))
        {
            Content = new StringContent(RunBody, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ApiAntiforgery.HeaderName, token);
        var started = await browser.Client.SendAsync(request);
        var me = await browser.Client.GetAsync(new Uri("/api/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_and_with_it_signs_out()
    {
        using var browser = new BrowserSession(console.App.BaseAddress);
        await browser.SignInAsync("reviewer@aiflow.local", ConsoleApp.DemoPassword);

        var forged = await browser.Client.PostAsync(new Uri("/account/signout", UriKind.Relative), new FormUrlEncodedContent([]));
        var stillIn = await browser.Client.GetAsync(new Uri("/api/me", UriKind.Relative));
        var token = await browser.FormTokenAsync("/review");
        var signOut = await browser.Client.PostAsync(new Uri("/account/signout", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var afterwards = await browser.Client.GetAsync(new Uri("/api/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    [Fact]
    public async Task Behind_a_tls_proxy_the_cookie_is_secure_and_hsts_is_sent()
    {
        using var browser = new BrowserSession(console.App.BaseAddress);
        var token = await browser.FormTokenAsync("/signin");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/signin", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["email"] = "ops@aiflow.local", ["password"] = ConsoleApp.DemoPassword, ["returnUrl"] = "/",
            }),
        };
        // What a TLS-terminating proxy on loopback (a known proxy by default) forwards.
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Host = "aiflow.example";

        var signIn = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("aiflow.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", Assert.Single(signIn.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    private async Task<int> RunsRequestedByAsync(string user)
    {
        await using var db = console.Database.CreateContext();
        return await db.PipelineRuns.CountAsync(r => r.RequestedBy == user);
    }
}
