using System.Diagnostics;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Identity;
using AiFlow.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.E2E;

/// <summary>A refused sign-in tells nothing about the account: the same answer, and the same password hashing, whatever the reason.</summary>
[Collection(ConsoleCollection.Name)]
public class SignInAnswerTests(ConsoleFixture console)
{
    [Fact]
    public async Task Unknown_wrong_password_locked_and_disabled_accounts_get_the_same_answer_at_a_similar_cost()
    {
        var wrong = await AddUserAsync("wrong");
        var locked = await AddUserAsync("locked");
        var disabled = await AddUserAsync("disabled");
        var unknown = $"nobody-{Guid.NewGuid():N}@aiflow.local";

        // Once each to warm up, then three timed attempts each (four wrong passwords stay under the lockout of five).
        var answers = new List<string>();
        var times = new Dictionary<string, List<double>> { [unknown] = [], [wrong] = [], [locked] = [], [disabled] = [] };
        for (var round = 0; round < 4; round++)
        {
            foreach (var email in times.Keys)
            {
                var (location, ms) = await SignInAsync(email);
                answers.Add(location);
                if (round > 0) times[email].Add(ms);
            }
        }

        Assert.Single(answers.Distinct());
        Assert.StartsWith("/signin?error=invalid", answers[0], StringComparison.Ordinal);
        var wrongMedian = Median(times[wrong]);
        // Without the dummy hash an unknown or locked account answers in a few milliseconds, a wrong password in tens.
        Assert.True(Median(times[unknown]) > wrongMedian * 0.3, $"unknown {Median(times[unknown]):0} ms vs wrong password {wrongMedian:0} ms");
        Assert.True(Median(times[locked]) > wrongMedian * 0.3, $"locked {Median(times[locked]):0} ms vs wrong password {wrongMedian:0} ms");
        Assert.True(Median(times[disabled]) > wrongMedian * 0.3, $"disabled {Median(times[disabled]):0} ms vs wrong password {wrongMedian:0} ms");
    }

    private async Task<(string Location, double Ms)> SignInAsync(string email)
    {
        using var browser = new BrowserSession(console.App.BaseAddress);
        var token = await browser.FormTokenAsync("/signin");
        var watch = Stopwatch.StartNew();
        var answer = await browser.Client.PostAsync(new Uri("/account/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["email"] = email, ["password"] = "not-the-password", ["returnUrl"] = "/",
        }));
        return (answer.Headers.Location!.OriginalString, watch.Elapsed.TotalMilliseconds);
    }

    private async Task<string> AddUserAsync(string kind)
    {
        await using var scope = console.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{kind}-{Guid.NewGuid():N}@aiflow.local";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, DisabledAt = kind == "disabled" ? DateTimeOffset.UtcNow : null };
        Assert.True((await users.CreateAsync(user, ConsoleApp.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Ops)).Succeeded);
        if (kind == "locked") Assert.True((await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(10))).Succeeded);
        return email;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
