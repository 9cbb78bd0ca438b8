using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Scheduling;
using AiFlow.Infrastructure.Runs.Execution;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiFlow.Tests.Infrastructure.Runs;

public class RunEngineSemanticsTests
{
    private readonly FakeTimeProvider clock = new();
    private readonly InMemoryRunStore store = new();
    private readonly ScriptedStepExecutor steps;

    public RunEngineSemanticsTests() => steps = new ScriptedStepExecutor(clock);

    private static DagNode N(string key, params string[] dependsOn) => new() { Key = key, StepVersionId = Guid.Empty, DependsOn = [.. dependsOn] };

    private async Task<RunStatus> RunAsync(ExecutionOptions? options = null, Dictionary<string, NodeProgress>? progress = null, params DagNode[] nodes)
    {
        var engine = new RunEngine(store, steps, clock, options ?? new ExecutionOptions(), NullLogger.Instance, jitter: () => 0.0);
        var run = engine.RunAsync(new RunPlan(Guid.NewGuid(), new PipelineDag { Nodes = [.. nodes] }, null, progress ?? []), CancellationToken.None);
        // Drive the fake clock until the run ends; every wait in the engine and the steps uses it.
        for (var i = 0; i < 100_000 && !run.IsCompleted; i++)
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromMilliseconds(5));
        }
        Assert.True(run.IsCompleted, "the run did not finish");
        return await run;
    }

    public static TheoryData<string, string[], string> Shapes => new()
    {
        // name, nodes as "key<-dep,dep", expected final states in key order
        { "chain", ["a", "b<-a", "c<-b"], "a=Completed b=Completed c=Completed" },
        { "fan-out and join", ["src", "x<-src", "y<-src", "z<-src", "join<-x,y,z"], "join=Completed src=Completed x=Completed y=Completed z=Completed" },
        { "two roots", ["a", "b", "c<-a,b"], "a=Completed b=Completed c=Completed" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Engine_completes_every_node_of_a_valid_graph(string name, string[] spec, string expected)
    {
        var nodes = spec.Select(s => s.Split("<-") is var p && p.Length == 2 ? N(p[0], p[1].Split(',')) : N(s)).ToArray();
        Assert.Equal(RunStatus.Completed, await RunAsync(null, null, nodes));
        Assert.Equal(expected, string.Join(' ', store.Final.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public async Task Engine_runs_the_branches_of_a_fan_out_at_the_same_time()
    {
        steps.Scripts["x"] = steps.Scripts["y"] = steps.Scripts["z"] = new(DurationMs: 100);
        await RunAsync(null, null, N("src"), N("x", "src"), N("y", "src"), N("z", "src"), N("join", "x", "y", "z"));
        Assert.Equal(3, steps.MaxInFlight);
        var log = store.Log.ToList();
        Assert.True(log.IndexOf("start join#1") > log.IndexOf("completed z#1"));
    }

    [Fact]
    public async Task A_chain_commits_once_per_step_because_each_completion_shares_its_commit_with_the_next_start()
    {
        await RunAsync(null, null, N("a"), N("b", "a"), N("c", "b"), N("d", "c"));

        Assert.Equal(5, store.Commits.Count);
        Assert.Equal(["a"], store.Commits[0].Starts.Select(s => s.NodeKey));
        for (var i = 1; i < 4; i++)
        {
            Assert.Single(store.Commits[i].Completions);
            Assert.Single(store.Commits[i].Starts);
        }
        // The last completion ends the run in the same commit.
        Assert.Equal("d", Assert.Single(store.Commits[^1].Completions).Attempt.NodeKey);
        Assert.Equal(RunStatus.Completed, store.Commits[^1].End?.Status);
    }

    [Fact]
    public async Task A_fan_out_starts_its_branches_in_one_commit_and_the_join_with_the_last_branch_to_finish()
    {
        steps.Scripts["x"] = new(DurationMs: 100);
        steps.Scripts["y"] = new(DurationMs: 200);
        steps.Scripts["z"] = new(DurationMs: 300);
        await RunAsync(null, null, N("src"), N("x", "src"), N("y", "src"), N("z", "src"), N("join", "x", "y", "z"));

        var fanOut = store.Commits.Single(c => c.Starts.Count > 1);
        Assert.Equal("src", Assert.Single(fanOut.Completions).Attempt.NodeKey);
        Assert.Equal(["x", "y", "z"], fanOut.Starts.Select(s => s.NodeKey));
        var join = store.Commits.Single(c => c.Starts.Any(s => s.NodeKey == "join"));
        Assert.Equal("z", Assert.Single(join.Completions).Attempt.NodeKey);
        Assert.True(store.Commits.Count <= 6, $"{store.Commits.Count} commits");
    }

    [Fact]
    public async Task A_node_waiting_for_a_slot_starts_in_the_commit_that_frees_one()
    {
        var nodes = Enumerable.Range(0, 3).Select(i => N($"n{i}")).ToArray();

        await RunAsync(new ExecutionOptions { MaxParallelStepsPerRun = 1 }, null, nodes);

        Assert.Equal(1, steps.MaxInFlight);
        Assert.Equal(4, store.Commits.Count);
        Assert.All(store.Commits.Skip(1).Take(2), c =>
        {
            Assert.Single(c.Completions);
            Assert.Single(c.Starts);
        });
    }

    [Fact]
    public async Task A_false_condition_skips_the_node_and_what_depends_only_on_it()
    {
        steps.Scripts["classify"] = new(Ir: """{"priority":"low"}""");
        var escalate = N("escalate", "classify");
        escalate.Condition = "ir.classify.priority == 'high'";

        var status = await RunAsync(null, null, N("classify"), escalate, N("page_oncall", "escalate"), N("reply", "classify"), N("summary", "escalate", "reply"));

        Assert.Equal(RunStatus.Completed, status);
        Assert.Equal(NodeState.Skipped, store.Final["escalate"]);
        Assert.Equal(NodeState.Skipped, store.Final["page_oncall"]);
        Assert.Equal(NodeState.Completed, store.Final["reply"]);
        Assert.Equal(NodeState.Completed, store.Final["summary"]);
        Assert.DoesNotContain("escalate", steps.Calls.Keys);
    }

    [Fact]
    public async Task A_true_condition_on_metrics_runs_the_node()
    {
        steps.Scripts["generate"] = new(Quality: 0.9);
        var publish = N("publish", "generate");
        publish.Condition = "metrics.generate.quality >= 0.8";

        await RunAsync(null, null, N("generate"), publish);

        Assert.Equal(NodeState.Completed, store.Final["publish"]);
    }

    [Fact]
    public async Task A_condition_that_throws_fails_its_node_with_the_expression()
    {
        var bad = N("b", "a");
        bad.Condition = "ir.a.missing.deeper == 1";

        Assert.Equal(RunStatus.Failed, await RunAsync(null, null, N("a"), bad));
        Assert.Contains(store.Log, l => l.StartsWith("failed b: Condition 'ir.a.missing.deeper == 1' failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retries_back_off_exponentially_and_then_succeed()
    {
        steps.Scripts["flaky"] = new(DurationMs: 0, FailFirst: 2);
        var flaky = N("flaky");
        flaky.Retries = 3;
        var started = clock.GetUtcNow();

        Assert.Equal(RunStatus.Completed, await RunAsync(new ExecutionOptions { RetryBaseMs = 1000 }, null, flaky));

        Assert.Equal(["start flaky#1", "failed flaky#1", "start flaky#2", "failed flaky#2", "start flaky#3", "completed flaky#3"], store.Log);
        // jitter 0 waits half of base·2^(n-1): 500 ms then 1000 ms.
        var elapsed = clock.GetUtcNow() - started;
        Assert.InRange(elapsed.TotalMilliseconds, 1500, 1600);
    }

    [Fact]
    public async Task A_node_out_of_retries_fails_the_run_and_its_dependants()
    {
        steps.Scripts["a"] = new(FailFirst: 10);
        var a = N("a");
        a.Retries = 1;

        Assert.Equal(RunStatus.Failed, await RunAsync(null, null, a, N("b", "a"), N("c", "b")));
        Assert.Equal(2, steps.Calls["a"]);
        Assert.Contains("failed b: Upstream node 'a' failed.", store.Log);
        Assert.Contains("failed c: Upstream node 'b' failed.", store.Log);
    }

    [Fact]
    public async Task TimeoutMs_cancels_a_slow_call_and_fails_the_attempt()
    {
        steps.Scripts["slow"] = new(DurationMs: 5_000);
        var slow = N("slow");
        slow.TimeoutMs = 200;

        Assert.Equal(RunStatus.Failed, await RunAsync(null, null, slow));
        Assert.Contains("failed slow#1", store.Log);
    }

    [Fact]
    public async Task ContinueOnFail_lets_dependants_run_and_the_run_complete()
    {
        steps.Scripts["optional"] = new(FailFirst: 10);
        var optional = N("optional");
        optional.ContinueOnFail = true;

        Assert.Equal(RunStatus.Completed, await RunAsync(null, null, optional, N("next", "optional")));
        Assert.Equal(NodeState.Completed, store.Final["next"]);
    }

    [Fact]
    public async Task ParallelGroup_and_the_per_run_bound_limit_concurrency()
    {
        var nodes = Enumerable.Range(0, 6).Select(i =>
        {
            var n = N($"g{i}");
            n.ParallelGroup = "gpu";
            steps.Scripts[n.Key] = new(DurationMs: 50);
            return n;
        }).Concat(Enumerable.Range(0, 6).Select(i => { steps.Scripts[$"f{i}"] = new(DurationMs: 50); return N($"f{i}"); })).ToArray();

        await RunAsync(new ExecutionOptions { ParallelGroupLimit = 2, MaxParallelStepsPerRun = 5 }, null, nodes);

        Assert.Equal(2, steps.MaxInFlightByGroup["gpu"]);
        Assert.Equal(5, steps.MaxInFlight);
    }

    [Fact]
    public async Task A_human_review_node_parks_the_run_and_a_decision_resumes_it_downstream()
    {
        steps.Scripts["review"] = new(Park: true);
        Assert.Equal(RunStatus.WaitingForReview, await RunAsync(null, null, N("draft"), N("review", "draft"), N("send", "review")));
        Assert.DoesNotContain("send", steps.Calls.Keys);

        // The decision commits the review node as completed with the approved IR; the run resumes from there.
        var progress = new Dictionary<string, NodeProgress>
        {
            ["draft"] = new() { State = NodeState.Completed, Attempt = 1 },
            ["review"] = new() { State = NodeState.Completed, Attempt = 1, Ir = System.Text.Json.Nodes.JsonNode.Parse("""{"approved":true}""") },
        };
        steps.Calls.Clear();
        var send = N("send", "review");
        send.Condition = "ir.review.approved === true";
        Assert.Equal(RunStatus.Completed, await RunAsync(null, progress, N("draft"), N("review", "draft"), send));
        Assert.Equal(["send"], steps.Calls.Keys);
    }

    [Fact]
    public async Task A_recovered_run_resumes_the_in_flight_attempt_and_never_reruns_committed_steps()
    {
        var inFlight = new StepAttempt(Guid.NewGuid(), "b", Guid.Empty, 1, "run:b:1", []);
        var progress = new Dictionary<string, NodeProgress>
        {
            ["a"] = new() { State = NodeState.Completed, Attempt = 1 },
            ["b"] = new() { State = NodeState.Running, Attempt = 1, InFlight = inFlight },
        };

        Assert.Equal(RunStatus.Completed, await RunAsync(null, progress, N("a"), N("b", "a"), N("c", "b")));

        Assert.DoesNotContain("a", steps.Calls.Keys);
        Assert.DoesNotContain("start b#1", store.Log);
        Assert.Contains("completed b#1", store.Log);
    }
}
