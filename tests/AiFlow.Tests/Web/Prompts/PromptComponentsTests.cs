using AiFlow.Domain.Prompts;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Web.Components.Shared;
using AiFlow.Web.Features.Prompts;
using Bunit;

namespace AiFlow.Tests.Web.Prompts;

public class PromptComponentsTests
{
    private static BunitContext NewContext()
    {
        var ctx = MudBunit.NewContext();
        return ctx;
    }

    private static PromptVersionView Version(int number, string template, params PromptVariant[] variants) =>
        new(Guid.NewGuid(), number, "You summarise.", template, ["input"], [], variants, DateTimeOffset.UtcNow, "alice");

    [Fact]
    public async Task PromptDiff_puts_the_newest_version_on_the_right_and_marks_removed_and_added_lines()
    {
        await using var ctx = NewContext();

        var diff = ctx.Render<PromptDiff>(p => p.Add(x => x.Versions, [
            Version(2, "Line one\nLine 2 changed", new PromptVariant("B", "b {{ input.x }}", 1)),
            Version(1, "Line one\nLine two"),
        ]));

        var changed = diff.FindAll("[data-testid=diff-row][data-change=yes]");
        Assert.Equal("Line two", changed[0].QuerySelector("[data-testid=diff-left]")!.TextContent);
        Assert.Equal("removed", changed[0].QuerySelector("[data-testid=diff-left]")!.ClassName);
        Assert.Equal("Line 2 changed", changed[0].QuerySelector("[data-testid=diff-right]")!.TextContent);
        Assert.Equal("added", changed[0].QuerySelector("[data-testid=diff-right]")!.ClassName);
        // The variant only exists on the right: its heading and template are additions facing empty cells.
        Assert.Contains(changed, r => r.QuerySelector("[data-testid=diff-right]")!.TextContent == "### variant B (weight 1)"
                                      && r.QuerySelector("[data-testid=diff-left]")!.ClassName == "empty");
        Assert.Equal("1", diff.Find("[data-testid=diff-summary]").GetAttribute("data-from"));
    }

    [Fact]
    public async Task SeededTextArea_never_writes_typed_text_back_but_takes_a_new_value_from_outside()
    {
        await using var ctx = NewContext();
        var reported = "";
        var area = ctx.Render<SeededTextArea>(p => p
            .Add(x => x.Value, "first")
            .Add(x => x.TestId, "t")
            .Add(x => x.ValueChanged, v => reported = v));

        area.Find("textarea").Input("first and more");
        area.Render(p => p.Add(x => x.Value, "first and more"));

        Assert.Equal("first and more", reported);
        // The server still renders the seed: it never pushed the typed text back over what the browser holds.
        Assert.Equal("first", area.Find("textarea").GetAttribute("value"));

        area.Render(p => p.Add(x => x.Value, "loaded elsewhere"));
        Assert.Equal("loaded elsewhere", area.Find("textarea").GetAttribute("value"));
    }
}
