using System.Text.RegularExpressions;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public partial class FaviconTests(ConsoleFixture console)
{
    [Fact]
    public async Task Every_page_names_an_icon_that_the_console_serves()
    {
        using var client = new HttpClient { BaseAddress = console.App.BaseAddress };

        var page = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var href = IconLink().Match(page);
        Assert.True(href.Success, "no <link rel=\"icon\"> in the page head");
        using var icon = await client.GetAsync(new Uri("/" + href.Groups["href"].Value.TrimStart('/'), UriKind.Relative));

        Assert.True(icon.IsSuccessStatusCode, $"{href.Groups["href"].Value}: {(int)icon.StatusCode}");
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("""<link rel="icon"[^>]*href="(?<href>[^"]+)""")]
    private static partial Regex IconLink();
}
