using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Domain.Reviews;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Access;
using Microsoft.EntityFrameworkCore;
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
    public async Task Feedback_through_the_api_is_a_reviewers_vote_that_is_validated_and_decides_a_parked_step()
    {
        using var client = ReviewRunSupport.Client(console);
        var (key, _) = await ReviewRunSupport.AddPipelineAsync(console);
        var runId = await ReviewRunSupport.StartAsync(client, key, "bob");
        await ReviewRunSupport.WaitForAsync(client, runId, "WaitingForReview");

        var invalid = await client.PostAsync(Feedback(runId), Json("""{"decision":"correct","correctedIr":{"text":"x","more":1}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var invalidBody = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("\"instanceLocation\":\"/text\"", invalidBody, StringComparison.Ordinal);
        Assert.Equal("/correctedIr/text", JsonNode.Parse(invalidBody)!["pointer"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(Feedback(Guid.NewGuid()), Json("""{"decision":"approve"}"""))).StatusCode);
        foreach (var bad in new[] { """{"decision":"maybe"}""", """{"decision":1}""", """{"decision":"1"}""", """{}""", """[]""", """{"decision":"approve","labels":"good"}""",
                     """{"decision":"approve","rating":1.5}""", """{"decision":"approve","node":5}""", """{"decision":"correct"}""" })
        {
            var answer = await client.PostAsync(Feedback(runId), Json(bad));
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{bad} answered {answer.StatusCode}");
        }

        var ok = await client.PostAsync(Feedback(runId), Json("""{"decision":"approve","labels":["good"],"rating":5,"comment":"fine"}"""));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var run = await ReviewRunSupport.WaitForAsync(client, runId, "Completed", "Failed");
        Assert.Equal("DRAFT BOB", ReviewRunSupport.Ir(run, "final")!["out"]!.GetValue<string>());
        // The vote went through the queue: a claim decided by the caller, and the review is closed to a second vote.
        await using (var db = console.Database.CreateContext())
        {
            var item = await db.ReviewItems.SingleAsync(i => i.PipelineRunId == runId && i.NodeKey == "check");
            Assert.Equal(ReviewItemStatus.Completed, item.Status);
            Assert.True(await db.ReviewClaims.AnyAsync(c => c.ReviewItemId == item.Id && c.DecidedAt != null));
        }
        var again = await client.PostAsync(Feedback(runId), Json("""{"decision":"reject","node":"check"}"""));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_refused_vote_on_a_step_nobody_queued_opens_no_review_item_and_names_its_field()
    {
        using var client = ReviewRunSupport.Client(console);
        var (key, _) = await ReviewRunSupport.AddPipelineAsync(console);
        var runId = await ReviewRunSupport.StartAsync(client, key, "ann");
        await ReviewRunSupport.WaitForAsync(client, runId, "WaitingForReview");

        // The draft step rates from 1 to 5: the vote is refused, and it must not leave the manual item it opened for
        // itself in everyone's queue (it did, before the vote was checked ahead of opening one).
        var rated = await client.PostAsync(Feedback(runId), Json("""{"decision":"approve","node":"draft","rating":9}"""));
        Assert.Equal(HttpStatusCode.BadRequest, rated.StatusCode);
        Assert.Equal("/rating", (await rated.Content.ReadFromJsonAsync<JsonNode>())!["pointer"]!.GetValue<string>());
        await using (var db = console.Database.CreateContext())
        {
            Assert.False(await db.ReviewItems.AnyAsync(i => i.PipelineRunId == runId && i.NodeKey == "draft"));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(Feedback(runId), Json("""{"decision":"approve","node":"draft"}"""))).StatusCode);
        await using (var db = console.Database.CreateContext())
        {
            Assert.Equal(ReviewItemStatus.Completed, (await db.ReviewItems.SingleAsync(i => i.PipelineRunId == runId && i.NodeKey == "draft")).Status);
        }
    }

    [Fact]
    public async Task An_ops_key_cannot_vote_through_the_feedback_api()
    {
        using var admin = ReviewRunSupport.Client(console);
        var (key, _) = await ReviewRunSupport.AddPipelineAsync(console);
        var runId = await ReviewRunSupport.StartAsync(admin, key, "eve");
        await ReviewRunSupport.WaitForAsync(admin, runId, "WaitingForReview");
        var created = await (await admin.PostAsJsonAsync(new Uri("/api/api-keys", UriKind.Relative), new CreateApiKeyRequest("ops-" + Guid.NewGuid().ToString("N")[..6], "Ops")))
            .Content.ReadFromJsonAsync<CreatedApiKey>();
        using var ops = console.ApiClient(created!.Key);

        var answer = await ops.PostAsync(Feedback(runId), Json("""{"decision":"approve"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        await using var db = console.Database.CreateContext();
        Assert.False(await db.HumanFeedback.AnyAsync(f => f.PipelineRunId == runId));
        Assert.Equal("WaitingForReview", (await ReviewRunSupport.WaitForAsync(admin, runId, "WaitingForReview"))["status"]!.GetValue<string>());
    }

    private static Uri Feedback(Guid id) => new($"/api/runs/{id}/feedback", UriKind.Relative);

    private static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");
}
