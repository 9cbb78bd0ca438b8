using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Domain.Reviews;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class HumanReviewRunTests(ConsoleFixture console)
{
    [Fact]
    public async Task A_parked_run_resumes_after_a_correction_and_the_corrected_ir_flows_to_the_next_step()
    {
        using var client = ReviewRunSupport.Client(console);
        var (key, step) = await ReviewRunSupport.AddPipelineAsync(console);
        var runId = await ReviewRunSupport.StartAsync(client, key, "ada");
        await ReviewRunSupport.WaitForAsync(client, runId, "WaitingForReview");

        var queue = console.App.Services.GetRequiredService<ReviewQueueService>();
        var claim = await queue.ClaimNextAsync("resume-tester", new ReviewQueueFilter(StepVersionId: step), CancellationToken.None);
        Assert.NotNull(claim);
        var refused = await queue.SubmitAsync(new ReviewSubmission(claim.ItemId, "resume-tester", ReviewDecision.Correct, """{"text":"no"}"""), CancellationToken.None);
        Assert.False(refused.Succeeded);
        var saved = await queue.SubmitAsync(new ReviewSubmission(claim.ItemId, "resume-tester", ReviewDecision.Correct, """{"text":"fixed by a human"}""", ["good"]), CancellationToken.None);
        Assert.True(saved.Succeeded, saved.Message);

        var run = await ReviewRunSupport.WaitForAsync(client, runId, "Completed", "Failed");
        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        Assert.Equal("fixed by a human", ReviewRunSupport.Ir(run, "check")!["text"]!.GetValue<string>());
        Assert.Equal("FIXED BY A HUMAN", ReviewRunSupport.Ir(run, "final")!["out"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_decided_review_step_links_the_records_its_decided_ir_names()
    {
        using var client = ReviewRunSupport.Client(console);
        var declaration = new JsonObject { ["outputLinks"] = new JsonArray(new JsonObject { ["targetType"] = "texts", ["idPath"] = "text" }) };
        var (key, step) = await ReviewRunSupport.AddPipelineAsync(console, reviewParams: declaration);
        var runId = await ReviewRunSupport.StartAsync(client, key, "cy");
        await ReviewRunSupport.WaitForAsync(client, runId, "WaitingForReview");

        var queue = console.App.Services.GetRequiredService<ReviewQueueService>();
        var claim = await queue.ClaimNextAsync("link-tester", new ReviewQueueFilter(StepVersionId: step), CancellationToken.None);
        Assert.NotNull(claim);
        var saved = await queue.SubmitAsync(new ReviewSubmission(claim.ItemId, "link-tester", ReviewDecision.Correct, """{"text":"doc-42"}""", ["good"]), CancellationToken.None);
        Assert.True(saved.Succeeded, saved.Message);

        var run = await ReviewRunSupport.WaitForAsync(client, runId, "Completed", "Failed");
        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        var check = run["steps"]!.AsArray().Last(s => s!["nodeKey"]!.GetValue<string>() == "check")!;
        var link = Assert.Single(check["links"]!.AsArray())!;
        Assert.Equal(("texts", "doc-42", "produced"), (link["targetType"]!.GetValue<string>(), link["targetId"]!.GetValue<string>(), link["relation"]!.GetValue<string>()));
    }

    [Fact]
    public async Task External_feedback_through_the_api_is_validated_and_decides_a_parked_step()
    {
        using var client = ReviewRunSupport.Client(console);
        var (key, _) = await ReviewRunSupport.AddPipelineAsync(console);
        var runId = await ReviewRunSupport.StartAsync(client, key, "bob");
        await ReviewRunSupport.WaitForAsync(client, runId, "WaitingForReview");
        Uri Feedback(Guid id) => new($"/api/runs/{id}/feedback", UriKind.Relative);
        static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");

        var invalid = await client.PostAsync(Feedback(runId), Json("""{"decision":"correct","correctedIr":{"text":"x","more":1}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var body = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("\"instanceLocation\":\"/text\"", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(Feedback(Guid.NewGuid()), Json("""{"decision":"approve"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(Feedback(runId), Json("""{"decision":"maybe"}"""))).StatusCode);

        var ok = await client.PostAsync(Feedback(runId), Json("""{"decision":"approve","labels":["good"],"rating":5,"comment":"fine"}"""));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var run = await ReviewRunSupport.WaitForAsync(client, runId, "Completed", "Failed");
        Assert.Equal("DRAFT BOB", ReviewRunSupport.Ir(run, "final")!["out"]!.GetValue<string>());
    }
}
