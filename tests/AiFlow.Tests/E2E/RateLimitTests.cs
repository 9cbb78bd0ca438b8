using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Access;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E;

/// <summary>A console with low limits: past them a caller gets 429 problem details with Retry-After, and only that caller.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    private ConsoleApp App { get; set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(migrate: false);
        App = new ConsoleApp(database.ConnectionString, new Dictionary<string, string>
        {
            ["AiFlow:RateLimits:ApiBurst"] = "5",
            ["AiFlow:RateLimits:ApiPerSecond"] = "1",
            ["AiFlow:RateLimits:CostlyBurst"] = "2",
            ["AiFlow:RateLimits:CostlyPerMinute"] = "1",
            ["AiFlow:RateLimits:SignInPerMinute"] = "3",
        });
        App.Start();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task An_api_key_past_its_burst_gets_429_problem_details_with_retry_after_and_another_key_does_not()
    {
        using var busy = await NewKeyClientAsync();
        using var other = await NewKeyClientAsync();

        // Twenty at once: one after another, a slow machine could take long enough for the bucket (1 token a second)
        // to refill between them.
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => busy.GetAsync(new Uri("/api/me", UriKind.Relative))));
        var calm = await other.GetAsync(new Uri("/api/me", UriKind.Relative));

        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.OK) >= 5);
        var refused = Assert.Single(answers.Where(a => a.StatusCode != HttpStatusCode.OK).Take(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await refused.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, calm.StatusCode);
    }

    [Fact]
    public async Task Costly_routes_have_a_smaller_bucket_than_the_rest_of_the_api()
    {
        using var client = await NewKeyClientAsync();

        var previews = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var answer = await client.PostAsync(new Uri("/api/prompts/preview", UriKind.Relative),
                new StringContent("""{"template":"Hello {{ input.name }}","input":{"name":"Ada"}}""", Encoding.UTF8, "application/json"));
            previews.Add(answer.StatusCode);
        }
        var read = await client.GetAsync(new Uri("/api/me", UriKind.Relative));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], previews);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_past_the_limit_from_one_address_get_429_while_another_address_may_still_try()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) answers.Add(await SignInFromAsync("203.0.113.7"));
        var elsewhere = await SignInFromAsync("203.0.113.8");

        Assert.All(answers[..3], a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.NotNull(answers[3].Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        // A browser posting the form is answered with a page a person can read, still a 429.
        var page = await SignInFromAsync("203.0.113.7", asBrowser: true);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many sign-in attempts", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A wrong password from <paramref name="clientIp"/>, as a proxy on loopback reports it in X-Forwarded-For.</summary>
    private async Task<HttpResponseMessage> SignInFromAsync(string clientIp, bool asBrowser = false)
    {
        using var browser = new BrowserSession(App.BaseAddress);
        var token = await browser.FormTokenAsync("/signin");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/signin", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["email"] = "ops@aiflow.local", ["password"] = "not-the-password", ["returnUrl"] = "/",
            }),
        };
        request.Headers.Add("X-Forwarded-For", clientIp);
        if (asBrowser) request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        return await browser.Client.SendAsync(request);
    }

    /// <summary>A client with an Admin key of its own, written straight to the database so making it costs no request.</summary>
    private async Task<HttpClient> NewKeyClientAsync()
    {
        var key = ApiKeyHasher.NewKey();
        await using (var db = database.CreateContext())
        {
            db.ApiKeys.Add(new ApiKey
            {
                Name = "rate-" + Guid.NewGuid().ToString("N")[..8], KeyHash = ApiKeyHasher.Hash(key), Prefix = ApiKeyHasher.Prefix(key),
                Role = Roles.Admin, CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var client = new HttpClient { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
