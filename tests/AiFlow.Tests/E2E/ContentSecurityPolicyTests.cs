using System.Text.RegularExpressions;
using AiFlow.Tests.Support;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>The console's Content Security Policy admits what its pages load (Blazor, MudBlazor, Monaco, the DAG island) and no more.</summary>
[Collection(ConsoleCollection.Name)]
public partial class ContentSecurityPolicyTests(ConsoleFixture console)
{
    [Fact]
    public async Task The_import_map_carries_the_nonce_of_its_answer_and_each_answer_has_a_new_one()
    {
        using var client = new HttpClient { BaseAddress = console.App.BaseAddress };

        var (first, html) = await PolicyNonceAndHtmlAsync(client);
        var (second, _) = await PolicyNonceAndHtmlAsync(client);

        Assert.Contains($"nonce=\"{first}\"", html, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task The_json_editor_and_the_dag_editor_work_with_no_policy_violation()
    {
        var page = await console.SignedInPageAsync("admin@aiflow.local");
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) lock (violations) violations.Add(message.Text);
        };

        await page.GotoAsync("/ir-schemas");
        await SignInPage.WaitForInteractiveAsync(page);
        var monaco = page.Locator(".monaco-editor").First;
        await Assertions.Expect(monaco).ToBeVisibleAsync();
        await monaco.ClickAsync();
        await page.Keyboard.TypeAsync(" ");
        await page.GotoAsync("/pipelines/ticket-triage");
        await SignInPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(new PipelineEditorPage(page).Node("classify")).ToBeVisibleAsync();
        // Monaco's language worker starts a moment after the editor.
        await page.WaitForTimeoutAsync(1000);

        lock (violations) Assert.Empty(violations);
        await page.Context.CloseAsync();
    }

    private static async Task<(string Nonce, string Html)> PolicyNonceAndHtmlAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/signin", UriKind.Relative));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        return (Nonce().Match(policy).Groups[1].Value, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
