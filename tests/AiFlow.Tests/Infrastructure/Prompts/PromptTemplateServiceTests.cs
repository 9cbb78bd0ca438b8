using System.Text.Json.Nodes;
using AiFlow.Domain.Prompts;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Prompts;

public sealed class PromptTemplateServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private PromptTemplateService Service() => new(new AuditedContextFactory(fixture.Database), TimeProvider.System);

    private async Task<PromptTemplateSummary> NewTemplateAsync(PromptVersionDraft? first = null)
    {
        var key = "tpl-" + Guid.NewGuid().ToString("N")[..8];
        var created = await Service().CreateTemplateAsync(key, "Invoice " + key, first, TestUsers.Admin(), None);
        Assert.True(created.Saved, created.Message);
        return created.Value!;
    }

    private async Task<int> VersionCountAsync(Guid templateId)
    {
        await using var db = fixture.Database.CreateContext();
        return await db.PromptTemplateVersions.CountAsync(v => v.PromptTemplateId == templateId);
    }

    [Fact]
    public async Task Creating_versions_numbers_them_and_records_the_variables_they_read()
    {
        var template = await NewTemplateAsync(new PromptVersionDraft("You extract.", "Text: {{ input.text }}", []));
        var second = await Service().CreateVersionAsync(template.Id, new PromptVersionDraft("You extract.", "{{ input.text }} {{ params.lang }}",
            [new PromptVariant("A", "{{ input.text }}", 1), new PromptVariant("B", "Please: {{ ir.ocr.text }}", 1)], BasedOn: 1), TestUsers.Admin(), None);

        Assert.True(second.Saved, second.Message);
        Assert.Equal(2, second.Value!.Number);
        Assert.Equal(["input", "ir", "params"], second.Value.Variables);
        Assert.Equal(["input.text", "ir.ocr.text", "params.lang"], second.Value.VariablePaths);
        var details = await Service().GetAsync(template.Key, None);
        Assert.Equal([2, 1], details!.Versions.Select(v => v.Number));
        Assert.Equal(2, details.Versions[0].Variants.Count);
    }

    [Fact]
    public async Task A_template_reading_an_unknown_variable_is_rejected_with_its_name_and_nothing_is_saved()
    {
        var template = await NewTemplateAsync();

        var refused = await Service().CreateVersionAsync(template.Id, new PromptVersionDraft("", "Hello {{ customer.name }} {{ input.x }}", [], BasedOn: 0), TestUsers.Admin(), None);

        Assert.Equal(SaveOutcome.Invalid, refused.Outcome);
        Assert.Equal(["Template: Unknown variable 'customer': templates may read input, ir.<node>, params and context."], refused.Messages);
        Assert.Equal(0, await VersionCountAsync(template.Id));
    }

    [Fact]
    public void Variants_with_unknown_variables_duplicate_names_or_weights_that_are_not_positive_are_reported()
    {
        var problems = PromptTemplateService.Check(new PromptVersionDraft("", "{{ input.x }}",
            [new PromptVariant("A", "{{ secret }}", 1), new PromptVariant("B", "{{ input.x }}", 0), new PromptVariant("B", "{{ input.y }}", -2)]));

        Assert.Contains("Variant 'A': Unknown variable 'secret': templates may read input, ir.<node>, params and context.", problems);
        Assert.Contains("Variant 'B': weight must be a positive number up to 1000 (remove the variant to stop using it).", problems);
        Assert.Contains("Variant names must be unique.", problems);
        Assert.Empty(PromptTemplateService.Check(new PromptVersionDraft("", "{{ input.x }}", [new PromptVariant("A", "a {{ input.x }}", 3), new PromptVariant("B", "b", 1)])));
    }

    [Fact]
    public async Task Saving_a_version_started_from_an_older_one_is_a_conflict_that_names_who_saved_the_newer()
    {
        var template = await NewTemplateAsync(new PromptVersionDraft("", "v1 {{ input.x }}", []));
        using (AuditScope.Begin("bob@aiflow.local"))
        {
            var bob = await Service().CreateVersionAsync(template.Id, new PromptVersionDraft("", "bob {{ input.x }}", [], BasedOn: 1), TestUsers.Admin("bob@aiflow.local"), None);
            Assert.True(bob.Saved, bob.Message);
        }

        var alice = await Service().CreateVersionAsync(template.Id, new PromptVersionDraft("", "alice {{ input.x }}", [], BasedOn: 1), TestUsers.Admin(), None);

        Assert.Equal(SaveOutcome.Conflict, alice.Outcome);
        Assert.Contains("v2 was saved by bob@aiflow.local", alice.Message, StringComparison.Ordinal);
        Assert.Contains("after you started from v1", alice.Message, StringComparison.Ordinal);
        Assert.Equal(2, await VersionCountAsync(template.Id));
    }

    [Fact]
    public async Task Two_admins_saving_at_the_same_moment_get_one_version_and_one_conflict()
    {
        var template = await NewTemplateAsync(new PromptVersionDraft("", "v1 {{ input.x }}", []));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Service().CreateVersionAsync(template.Id, new PromptVersionDraft("", $"take {i} {{{{ input.x }}}}", [], BasedOn: 1), TestUsers.Admin(), None)));

        Assert.Single(results, r => r.Saved);
        Assert.All(results.Where(r => !r.Saved), r => Assert.Equal(SaveOutcome.Conflict, r.Outcome));
        Assert.Equal(2, await VersionCountAsync(template.Id));
    }

    [Fact]
    public async Task Only_an_admin_may_create_templates_or_versions()
    {
        var template = await NewTemplateAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service().CreateTemplateAsync("ops-try", "x", null, TestUsers.Ops(), None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            Service().CreateVersionAsync(template.Id, new PromptVersionDraft("", "{{ input.x }}", []), TestUsers.Ops(), None));
        Assert.Equal(0, await VersionCountAsync(template.Id));
    }

    [Fact]
    public async Task A_duplicate_or_malformed_key_is_refused_with_the_reason()
    {
        var template = await NewTemplateAsync();

        var duplicate = await Service().CreateTemplateAsync(template.Key, "again", null, TestUsers.Admin(), None);
        var malformed = await Service().CreateTemplateAsync("Has Spaces", "x", null, TestUsers.Admin(), None);

        Assert.Equal($"A prompt template with key '{template.Key}' already exists.", duplicate.Message);
        Assert.StartsWith("A key is 2-100 characters", malformed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_renders_a_version_a_variant_and_its_system_prompt_against_a_sample_input()
    {
        var template = await NewTemplateAsync(new PromptVersionDraft("You write in {{ params.lang }}.", "Text: {{ input.text | upcase }}",
            [new PromptVariant("B", "B says {{ input.text }}", 1)]));
        var version = (await Service().GetAsync(template.Id, None))!.Versions[0];
        var sample = JsonNode.Parse("""{"text":"hello"}""");
        var parameters = new JsonObject { ["lang"] = "French" };

        var plain = await Service().PreviewAsync(version.Id, null, sample, parameters, None);
        var variant = await Service().PreviewAsync(version.Id, "B", sample, parameters, None);
        var missing = await Service().PreviewAsync(version.Id, "Z", sample, parameters, None);

        Assert.Equal(("Text: HELLO", "You write in French."), (plain!.Rendered, plain.RenderedSystem));
        Assert.Equal(("B says hello", "B"), (variant!.Rendered, variant.Variant));
        Assert.Equal(["v1 has no variant 'Z'."], missing!.Problems);
    }

    [Fact]
    public void Preview_of_unsaved_text_lists_problems_instead_of_throwing()
    {
        var broken = PromptTemplateService.Preview("{{ input.text ", JsonNode.Parse("{}"));
        var unknown = PromptTemplateService.Preview("Hi {{ who }} {{ input.name }}", JsonNode.Parse("""{"name":"Ada"}"""));

        Assert.Null(broken.Rendered);
        Assert.Contains("never closed", Assert.Single(broken.Problems), StringComparison.Ordinal);
        Assert.Equal("Hi  Ada", unknown.Rendered);
        Assert.Equal(["Unknown variable 'who': templates may read input, ir.<node>, params and context."], unknown.Problems);
        Assert.Equal(["input.name", "who"], unknown.VariablePaths);
    }
}
