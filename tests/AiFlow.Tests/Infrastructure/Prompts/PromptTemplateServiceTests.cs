using System.Text.Json.Nodes;
using AiFlow.Domain.Prompts;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Prompts;

public sealed class PromptTemplateServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private PromptTemplateService Service() => new(new Factory(fixture.Database), new PromptRenderer(), TimeProvider.System);

    [Fact]
    public async Task Creating_versions_numbers_them_and_records_the_variables_they_read()
    {
        var key = "invoice-" + Guid.NewGuid().ToString("N")[..6];
        var first = await Service().CreateVersionAsync(key, new PromptVersionDraft("You extract.", "Text: {{ input.text }}", []), CancellationToken.None);
        var second = await Service().CreateVersionAsync(key, new PromptVersionDraft("You extract.", "{{ input.text }} {{ params.lang }}",
            [new PromptVariant("A", "{{ input.text }}", 1), new PromptVariant("B", "Please: {{ input.text }}", 1)]), CancellationToken.None);

        Assert.Equal(1, first.Number);
        Assert.Equal(2, second.Number);
        Assert.Equal(["input", "params"], second.Variables);
        Assert.Equal(2, second.Variants.Count);
    }

    [Fact]
    public async Task A_template_reading_an_unknown_variable_is_rejected()
    {
        var ex = await Assert.ThrowsAsync<PromptTemplateException>(() =>
            Service().CreateVersionAsync("bad-" + Guid.NewGuid().ToString("N")[..6], new PromptVersionDraft("", "Hello {{ customer.name }}", []), CancellationToken.None));
        Assert.Contains("customer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_variant_with_an_unknown_variable_or_a_negative_weight_is_reported()
    {
        var problems = PromptTemplateService.Check(new PromptVersionDraft("", "{{ input.x }}", [new PromptVariant("A", "{{ secret }}", -1)]));
        Assert.Contains(problems, p => p.Contains("secret", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("weight", StringComparison.Ordinal));
    }

    [Fact]
    public void Preview_renders_a_version_and_a_variant_against_a_sample_input()
    {
        var version = new PromptTemplateVersion { Template = "Text: {{ input.text | upcase }}", Variants = [new PromptVariant("B", "B says {{ input.text }}", 1)] };
        var sample = JsonNode.Parse("""{"text":"hello"}""");

        Assert.Equal("Text: HELLO", Service().Preview(version, sample));
        Assert.Equal("B says hello", Service().Preview(version, sample, "B"));
    }

    private sealed class Factory(TestDatabase database) : IDbContextFactory<AiFlowDbContext>
    {
        public AiFlowDbContext CreateDbContext() => database.CreateContext();
    }
}
