using AiFlow.Web.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Web.Layout;

public class PageErrorBoundaryTests
{
    [Fact]
    public async Task A_page_that_throws_shows_what_happened_in_place_of_the_page_and_leaving_it_shows_the_next_page()
    {
        await using var ctx = MudBunit.NewContext();
        var page = new FailingPage.Switch { Fail = true };

        var layout = ctx.Render<PageErrorBoundary>(p => p.AddChildContent<FailingPage>(c => c.Add(f => f.Failing, page)));

        Assert.Single(layout.FindAll("[data-testid=page-error]"));
        Assert.Empty(layout.FindAll("[data-testid=failing-page]"));

        // Leaving the page (here to the same component, now working) clears the error.
        page.Fail = false;
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/runs");
        layout.WaitForAssertion(() => Assert.Single(layout.FindAll("[data-testid=failing-page]")));
        Assert.Empty(layout.FindAll("[data-testid=page-error]"));
    }

    private sealed class FailingPage : ComponentBase
    {
        [Parameter] public Switch Failing { get; set; } = new();

        protected override void OnInitialized()
        {
            if (Failing.Fail) throw new InvalidOperationException("the page failed");
        }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "data-testid", "failing-page");
            builder.CloseElement();
        }

        public sealed class Switch
        {
            public bool Fail { get; set; }
        }
    }
}
