using AiFlow.Tests.Support;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class SignInAndRolesTests(ConsoleFixture console)
{
    public static TheoryData<string, string[]> RolesAndNavigation => new()
    {
        { "admin@aiflow.local", ["pipelines", "steps", "prompts", "ir-schemas", "runs", "review", "ground-truth", "datasets", "collections", "media", "metrics", "judges", "evaluations", "endpoints", "dashboards", "retention", "users", "api-keys", "budgets", "audit", "settings"] },
        { "reviewer@aiflow.local", ["review", "ground-truth", "datasets"] },
        { "ops@aiflow.local", ["pipelines", "steps", "prompts", "ir-schemas", "runs", "datasets", "collections", "media", "metrics", "judges", "evaluations", "endpoints", "dashboards", "retention"] },
    };

    [Theory]
    [MemberData(nameof(RolesAndNavigation))]
    public async Task Each_role_signs_in_and_sees_only_its_own_navigation(string email, string[] expected)
    {
        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync(email, ConsoleApp.DemoPassword);
        await SignInPage.WaitForInteractiveAsync(page);

        var shown = await page.Locator("[data-nav]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-nav'))");
        Assert.Equal(expected.Order(), shown.Order());
        await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync(email);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reviewer_who_types_the_pipelines_address_is_refused()
    {
        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("reviewer@aiflow.local", ConsoleApp.DemoPassword);

        await page.GotoAsync("/pipelines");

        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("pipelines-table").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_sees_the_demo_pipelines_from_the_database()
    {
        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("admin@aiflow.local", ConsoleApp.DemoPassword, "/pipelines");

        await Assertions.Expect(page.GetByTestId("pipeline-key").Filter(new LocatorFilterOptions { HasText = "ticket-triage" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_that_leaks_nothing()
    {
        var page = await console.NewPageAsync();
        var signIn = new SignInPage(page);

        await signIn.SignInAsync("ops@aiflow.local", "not-the-password");
        await Assertions.Expect(signIn.Error).ToHaveTextAsync("E-mail or password is not correct.");

        await signIn.SignInAsync("nobody@aiflow.local", "not-the-password");
        await Assertions.Expect(signIn.Error).ToHaveTextAsync("E-mail or password is not correct.");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sign_in_returns_only_to_a_path_on_this_site_whatever_the_return_url_says()
    {
        foreach (var returnUrl in new[] { "/\\evil.example", "//evil.example", "https://evil.example" })
        {
            var page = await console.NewPageAsync();
            await new SignInPage(page).SignInAsync("ops@aiflow.local", ConsoleApp.DemoPassword, returnUrl);
            var landed = new Uri(page.Url);
            Assert.Equal(console.App.BaseAddress.Authority, landed.Authority);
            Assert.Equal("/", landed.AbsolutePath);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_unauthenticated_visitor_is_sent_to_sign_in_and_back_afterwards()
    {
        var page = await console.NewPageAsync();
        await page.GotoAsync("/pipelines");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);

        await page.FillAsync("#email", "ops@aiflow.local");
        await page.FillAsync("#password", ConsoleApp.DemoPassword);
        await page.ClickAsync("form[data-testid=signin-form] button[type=submit]");
        await ConsolePage.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/pipelines$"));
        await page.Context.CloseAsync();
    }
}
