using AiFlow.Domain.Runs;
using AiFlow.Web.Features.Pipelines.Editor;

namespace AiFlow.Tests.Web.Pipelines;

public sealed class TestRunOverlayTests
{
    [Fact]
    public void Each_node_shows_its_latest_attempt_with_ir_validity_and_latency()
    {
        var overlay = TestRunOverlay.Build(
        [
            new("a", 1, StepRunStatus.Failed, null, 40, "timeout"),
            new("a", 2, StepRunStatus.Completed, true, 812, null),
            new("b", 1, StepRunStatus.Completed, false, 35, null),
            new("c", 1, StepRunStatus.Running, null, null, null),
            new("d", 1, StepRunStatus.Skipped, null, null, null),
        ], [("a", "b"), ("a", "c"), ("c", "d")]);

        Assert.Equal("completed", overlay.Nodes["a"]);
        Assert.Equal("completed · attempt 2 · IR valid · 812 ms", overlay.Captions["a"]);
        Assert.Equal("completed · IR invalid · 35 ms", overlay.Captions["b"]);
        Assert.Equal("running", overlay.Nodes["c"]);
        Assert.Equal("skipped", overlay.Captions["d"]);
        Assert.Equal(["a->c"], overlay.Edges.Keys);
    }

    [Fact]
    public void A_node_waiting_for_a_reviewer_says_so_in_words()
    {
        var overlay = TestRunOverlay.Build([new("review", 1, StepRunStatus.WaitingForReview, null, null, null)], []);

        Assert.Equal("waitingforreview", overlay.Nodes["review"]);
        Assert.Equal("waiting for review", overlay.Captions["review"]);
    }
}
