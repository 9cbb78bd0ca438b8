using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static AiFlow.Tests.Infrastructure.Inference.Gateway.GatewayRequests;

namespace AiFlow.Tests.Infrastructure.Inference.Gateway;

public sealed class GatewayAccountingTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task By_default_a_call_does_not_wait_for_its_row_which_follows_within_a_group_commit()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database, settings: new Dictionary<string, string?>
        {
            ["AiFlow:Inference:AwaitAccounting"] = null,
        });
        var task = await h.AddRouteAsync(await h.AddEndpointAsync("behind"));
        var request = Invoice(task);

        var result = await h.Gateway.CallStructuredAsync(request, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        List<AiFlow.Domain.Inference.AiRequestLog> rows = [];
        while (rows.Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            rows = await h.RowsForAsync(request.IdempotencyKey);
            if (rows.Count == 0) await Task.Delay(20);
        }
        var row = Assert.Single(rows);
        Assert.Equal(result.CostUsd, row.CostUsd);
        Assert.Equal(AttemptStatus.Ok, row.Status);
    }

    [Fact]
    public async Task Every_attempt_is_a_row_with_tokens_cost_hash_and_idempotency_key()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var broken = await h.AddEndpointAsync("broken", "sim-chat@fault=500");
        var priced = await h.AddEndpointAsync("priced", configure: e =>
        {
            e.PricePer1MInputTokens = 3m;
            e.PricePer1MOutputTokens = 15m;
        });
        var task = await h.AddRouteAsync(broken, priced);
        var versionId = Guid.NewGuid();
        var stepRunId = Guid.NewGuid();
        var request = Invoice(task) with { PromptTemplateVersionId = versionId, PromptVariant = "B", StepRunId = stepRunId, Attempt = 2 };

        var result = await h.Gateway.CallStructuredAsync(request, CancellationToken.None);

        var rows = await h.RowsForAsync(request.IdempotencyKey);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["http-500", "ok"], rows.Select(r => r.Status));
        var ok = rows[1];
        Assert.Equal(priced.Id, ok.EndpointId);
        Assert.Equal(task, ok.TaskType);
        Assert.Equal(versionId, ok.PromptTemplateVersionId);
        Assert.Equal("B", ok.PromptVariant);
        Assert.Equal(stepRunId, ok.StepRunId);
        Assert.Equal(2, ok.Attempt);
        Assert.Equal(result.TokensIn, ok.TokensIn);
        Assert.Equal(result.TokensOut, ok.TokensOut);
        Assert.Equal(decimal.Round((ok.TokensIn * 3m + ok.TokensOut * 15m) / 1_000_000m, 6), ok.CostUsd);
        Assert.Equal(ok.CostUsd, result.CostUsd);
        Assert.Equal(64, ok.PromptHash!.Length);
        Assert.Equal(rows[0].PromptHash, ok.PromptHash);
        Assert.NotNull(rows[0].Error);
    }

    [Fact]
    public async Task Health_is_updated_without_breaking_an_admins_tracked_entity()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var broken = await h.AddEndpointAsync("broken", "sim-chat@fault=502");
        var healthy = await h.AddEndpointAsync("healthy");
        var task = await h.AddRouteAsync(broken, healthy);

        await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);

        await using var db = h.Database.CreateContext();
        var good = await db.InferenceEndpoints.AsNoTracking().SingleAsync(e => e.Id == healthy.Id);
        var bad = await db.InferenceEndpoints.AsNoTracking().SingleAsync(e => e.Id == broken.Id);
        Assert.NotNull(good.LastSuccessAt);
        Assert.Null(good.LastErrorAt);
        Assert.NotNull(bad.LastErrorAt);
        Assert.Contains("http-502", bad.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_prompts_are_redacted_of_emails_phones_ibans_and_card_numbers()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var endpoint = await h.AddEndpointAsync("pii");
        var task = await h.AddRouteAsync(endpoint);
        var prompt = "Customer jane.doe@example.com, phone +49 30 1234 5678, IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111. Total 12.50 EUR.";
        var request = Invoice(task, prompt);

        await h.Gateway.CallStructuredAsync(request, CancellationToken.None);

        var stored = Assert.Single(await h.RowsForAsync(request.IdempotencyKey)).RedactedPrompt!;
        Assert.DoesNotContain("jane.doe", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("1234 5678", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("3704", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", stored, StringComparison.Ordinal);
        Assert.Contains("[EMAIL]", stored, StringComparison.Ordinal);
        Assert.Contains("[PHONE]", stored, StringComparison.Ordinal);
        Assert.Contains("[IBAN]", stored, StringComparison.Ordinal);
        Assert.Contains("[CARD]", stored, StringComparison.Ordinal);
        Assert.Contains("Total 12.50 EUR", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_keys_never_appear_in_rows_errors_or_logs()
    {
        const string secret = "sk-test-SECRET-0123456789abcdef";
        var variable = "AIFLOW_ENDPOINT_KEY_TEST_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, secret);
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var failing = await h.AddEndpointAsync("keyed-failing", "sim-chat@fault=401", e => e.ApiKeyEnvVar = variable);
        var keyed = await h.AddEndpointAsync("keyed", configure: e => e.ApiKeyEnvVar = variable);
        var task = await h.AddRouteAsync(failing, keyed);
        var request = Invoice(task);

        var result = await h.Gateway.CallStructuredAsync(request, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var rows = await h.RowsForAsync(request.IdempotencyKey);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.DoesNotContain(secret, string.Join('|', r.Error, r.RedactedPrompt, r.Model, r.EndpointName), StringComparison.Ordinal));
        Assert.DoesNotContain(h.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Tried, t => (t.Error ?? "").Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Embeddings_are_sent_in_batches_and_come_back_in_input_order()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["AiFlow:Inference:EmbeddingBatchSize"] = "2" });
        var embedder = await h.AddEndpointAsync("embed", "sim-embed-384", e => e.Kind = AiFlow.Domain.Inference.EndpointKind.Embedding);
        var task = await h.AddRouteAsync(embedder);
        string[] inputs = ["alpha", "beta", "gamma", "delta", "epsilon"];

        var result = await h.Gateway.EmbedAsync(new EmbeddingRequest { TaskType = task, Inputs = inputs, IdempotencyKey = "emb-" + Guid.NewGuid() }, CancellationToken.None);
        var single = await h.Gateway.EmbedAsync(new EmbeddingRequest { TaskType = task, Inputs = ["gamma"], IdempotencyKey = "emb-" + Guid.NewGuid() }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(5, result.Vectors.Count);
        Assert.All(result.Vectors, v => Assert.Equal(384, v.Length));
        Assert.Equal(single.Vectors[0], result.Vectors[2]);
        Assert.Equal(3 + 1, h.Simulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task Test_connection_reports_latency_for_a_healthy_endpoint_and_the_error_for_a_broken_one()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var healthy = await h.AddEndpointAsync("probe-ok");
        var broken = await h.AddEndpointAsync("probe-bad", "sim-chat@fault=500");

        var ok = await h.Gateway.TestEndpointAsync(healthy.Id, CancellationToken.None);
        var bad = await h.Gateway.TestEndpointAsync(broken.Id, CancellationToken.None);

        Assert.True(ok.Succeeded, ok.Error);
        Assert.True(ok.LatencyMs >= 0);
        Assert.False(bad.Succeeded);
        Assert.Contains("500", bad.Error, StringComparison.Ordinal);
    }
}
