using AiFlow.Web.Components.Layout;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Web.Components;

public class NavMenuTests
{
    [Theory]
    [InlineData("Reviewer", new[] { "review", "ground-truth", "datasets" })]
    [InlineData("Ops", new[] { "pipelines", "steps", "prompts", "ir-schemas", "runs", "datasets", "collections", "media", "metrics", "judges", "evaluations", "endpoints", "dashboards", "retention" })]
    public async Task NavMenu_shows_only_the_sections_of_the_users_role(string role, string[] expected)
    {
        await using var ctx = MudBunit.NewContext();
        ctx.AddAuthorization().SetAuthorized("someone@aiflow.local").SetRoles(role);

        var menu = ctx.Render<NavMenu>();

        var shown = menu.FindAll("[data-nav]").Select(e => e.GetAttribute("data-nav")!).ToArray();
        Assert.Equal(expected.Order(), shown.Order());
    }
}
