using System.Net.Http.Json;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Admin;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>
/// The form that replaces a one-time password: it refuses a wrong one-time password, two different new passwords, the
/// one-time password itself and a password outside the rules, each with its message and without signing in.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class NewPasswordTests(ConsoleFixture console)
{
    [Fact]
    public async Task The_new_password_form_refuses_each_mistake_with_its_message_and_issues_no_cookie_until_it_succeeds()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var email = $"otp-{Guid.NewGuid():N}@example.com";
        var created = (await (await admin.PostAsJsonAsync(new Uri("/api/users", UriKind.Relative), new CreateUserRequest(email, "Otto", "Reviewer")))
            .Content.ReadFromJsonAsync<UserPassword>(ApiJson.Options))!;
        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync(email, created.OneTimePassword, "/review");
        Assert.Contains("/signin/new-password", page.Url, StringComparison.Ordinal);
        Assert.Equal(email, await page.InputValueAsync("#email"));

        foreach (var (oneTime, newPassword, confirm, message) in new[]
        {
            ("Wrong-pass-1", "Chosen-pass42", "Chosen-pass42", "E-mail or one-time password is not correct."),
            (created.OneTimePassword, "Chosen-pass42", "Chosen-pass43", "The two new passwords differ."),
            (created.OneTimePassword, created.OneTimePassword, created.OneTimePassword, "Choose a password other than the one-time password."),
            (created.OneTimePassword, "all-lower-case-1", "all-lower-case-1", "The new password does not meet the rules below."),
        })
        {
            await page.FillAsync("#password", oneTime);
            await page.FillAsync("#newPassword", newPassword);
            await page.FillAsync("#confirmPassword", confirm);
            await page.ClickAsync("form[data-testid=new-password-form] button[type=submit]");
            await Assertions.Expect(page.GetByTestId("new-password-error")).ToHaveTextAsync(message, new() { Timeout = 30_000 });
            Assert.Equal(401, (await page.APIRequest.GetAsync("/api/me")).Status);
        }

        await page.FillAsync("#password", created.OneTimePassword);
        await page.FillAsync("#newPassword", "Chosen-pass42");
        await page.FillAsync("#confirmPassword", "Chosen-pass42");
        await page.ClickAsync("form[data-testid=new-password-form] button[type=submit]");
        await ConsolePage.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/review$"), 60_000);
        Assert.Equal(200, (await page.APIRequest.GetAsync("/api/me")).Status);
        var summary = (await admin.GetFromJsonAsync<List<UserSummary>>(new Uri("/api/users", UriKind.Relative), ApiJson.Options))!.Single(u => u.Id == created.Id);
        Assert.False(summary.MustChangePassword);
        Assert.NotNull(summary.LastSignInAt);
        await page.Context.CloseAsync();
    }
}
