using AiFlow.Tests.Support;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E.Settings;

/// <summary>
/// <c>/admin/settings</c> in Chromium: an Admin sees each setting with its source, is told why a value is refused,
/// saves one (it comes from the database then), reads its history and resets it; Ops and Reviewers are refused.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SettingsPageTests(ConsoleFixture console)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Patient = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToHaveTextOptions PatientText = new() { Timeout = 60_000 };

    private static ILocator Row(IPage page, string key) => page.Locator($"tr[data-testid=setting-row][data-setting='{key}']");

    private static ILocator Input(IPage page, string key) => Row(page, key).Locator("input[data-testid=setting-input], [data-testid=setting-input] input").First;

    [Fact]
    public async Task An_admin_edits_a_setting_sees_a_refusal_then_the_saved_value_from_the_database_its_history_and_resets_it()
    {
        const string key = "Retention:RequestLogsDays";
        var page = await console.SignedInPageAsync("admin@aiflow.local", returnUrl: "/admin/settings");
        try
        {
            await SignInPage.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=settings-group][data-group='Retention']")).ToBeVisibleAsync(Patient);
            await Assertions.Expect(Row(page, key).GetByTestId("setting-source")).ToHaveTextAsync("default", PatientText);

            await Input(page, key).FillAsync("0");
            await Row(page, key).GetByTestId("setting-save").ClickAsync();
            await Assertions.Expect(Row(page, key).GetByTestId("setting-error")).ToContainTextAsync("out of range", new() { Timeout = 60_000 });
            await Assertions.Expect(Row(page, key).GetByTestId("setting-source")).ToHaveTextAsync("default", PatientText);

            await Input(page, key).FillAsync("90");
            await Row(page, key).GetByTestId("setting-save").ClickAsync();
            await Assertions.Expect(Row(page, key).GetByTestId("setting-source")).ToHaveTextAsync("database", PatientText);
            await Assertions.Expect(Row(page, key).GetByTestId("setting-value")).ToHaveTextAsync("90", PatientText);
            await Assertions.Expect(Row(page, key).GetByTestId("setting-error")).ToHaveCountAsync(0);

            await Row(page, key).GetByTestId("setting-history-toggle").ClickAsync();
            var history = page.Locator($"tr[data-testid=setting-history][data-setting='{key}'] [data-testid=setting-history-line]");
            await Assertions.Expect(history).ToHaveCountAsync(1, new() { Timeout = 60_000 });
            await Assertions.Expect(history.First).ToContainTextAsync("admin@aiflow.local");
            await Assertions.Expect(history.First).ToContainTextAsync("90");

            await Row(page, key).GetByTestId("setting-reset").ClickAsync();
            await Assertions.Expect(Row(page, key).GetByTestId("setting-source")).ToHaveTextAsync("default", PatientText);
            // What applies then is the code's default, not "(empty)" (which, for a TTL, would read as "kept for ever").
            await Assertions.Expect(Row(page, key).GetByTestId("setting-value")).ToHaveTextAsync("90 (RetentionOptions)", PatientText);
            await Assertions.Expect(history).ToHaveCountAsync(2, new() { Timeout = 60_000 });
            await Assertions.Expect(history.First).ToContainTextAsync("reset");
        }
        finally
        {
            using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
            await SettingsApi.ResetAsync(admin, key);
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData("ops@aiflow.local")]
    [InlineData("reviewer@aiflow.local")]
    public async Task Ops_and_reviewers_who_type_the_settings_address_are_refused(string email)
    {
        var page = await console.SignedInPageAsync(email);
        try
        {
            await page.GotoAsync("/admin/settings");

            await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync(Patient);
            Assert.Equal(0, await page.GetByTestId("setting-row").CountAsync());
            Assert.Equal(0, await page.Locator("[data-nav=settings]").CountAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
