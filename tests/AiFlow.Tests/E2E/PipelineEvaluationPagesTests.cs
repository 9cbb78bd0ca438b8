using System.Text.RegularExpressions;
using AiFlow.Tests.Support;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 12, items 3 and 4 in the browser: a pipeline version evaluated end to end from the New evaluation dialog, and the Datasets page.</summary>
[Collection(ConsoleCollection.Name)]
public partial class PipelineEvaluationPagesTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_admin_evaluates_a_pipeline_version_end_to_end_from_the_dialog_and_reads_each_nodes_losses()
    {
        var setup = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 4);
        var page = await console.SignedInPageAsync("admin@aiflow.local");
        var ui = new EvaluationsUi(page);
        await ui.OpenAsync("/evaluations");
        await ui.OpenNewEvaluationAsync();

        await ConsolePage.PickAsync(page, "new-evaluation-step", $"pipeline {setup.PipelineKey}");
        await Assertions.Expect(ui.NewEvaluationForm).ToHaveAttributeAsync("data-kind", "Pipeline");
        await ui.PickVersionAsync("v2");
        await ui.SubmitNewEvaluationAsync();

        await ConsolePage.WaitForUrlAsync(page, EvaluationUrl());
        await ui.WaitForStatusAsync("Completed");
        await Assertions.Expect(page.GetByTestId("evaluation-target")).ToHaveTextAsync($"pipeline {setup.PipelineKey} v2");
        await Assertions.Expect(page.GetByTestId("evaluation-baseline")).ToHaveTextAsync("v1");
        var extract = page.Locator("[data-testid=evaluation-aggregate][data-metric='extract.exact_match']");
        await Assertions.Expect(extract).ToHaveAttributeAsync("data-delta", "-1");
        await Assertions.Expect(page.Locator("[data-testid=evaluation-aggregate][data-metric='echo.exact_match']")).ToHaveAttributeAsync("data-delta", "-1");

        await ui.Cases.First.ClickAsync();
        await Assertions.Expect(ui.CaseDetail.GetByTestId("case-candidate")).ToContainTextAsync("\"label\": \"wrong\"");
        await Assertions.Expect(ui.CaseDetail.GetByTestId("case-expected")).ToContainTextAsync("\"echo\"");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_snapshots_a_tagged_dataset_and_compares_it_while_ops_may_only_read_the_datasets()
    {
        var setup = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 3);
        var ops = await console.SignedInPageAsync("ops@aiflow.local");
        await ConsolePage.OpenAsync(ops, "/datasets");
        await Assertions.Expect(ops.GetByTestId("datasets-table")).ToBeVisibleAsync();
        await Assertions.Expect(ops.GetByTestId("datasets-snapshot-panel")).ToHaveCountAsync(0);
        await ops.Context.CloseAsync();

        var page = await console.SignedInPageAsync("admin@aiflow.local");
        await ConsolePage.OpenAsync(page, "/datasets");
        await ConsolePage.PickAsync(page, "datasets-scope", $"pipeline '{setup.PipelineKey}'");
        var rows = page.GetByTestId("datasets-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First.GetByTestId("dataset-tags")).ToHaveTextAsync("smoke (2)");

        await page.Locator("#datasets-snapshot-tag").FillAsync("nothing-has-it");
        await page.GetByTestId("datasets-snapshot").ClickAsync();
        await Assertions.Expect(page.GetByTestId("datasets-message")).ToContainTextAsync("is tagged 'nothing-has-it'; nothing was saved");
        await page.Locator("#datasets-snapshot-tag").FillAsync("smoke");
        await page.GetByTestId("datasets-snapshot").ClickAsync();
        await Assertions.Expect(page.GetByTestId("datasets-message")).ToContainTextAsync($"Dataset v2 of pipeline '{setup.PipelineKey}' taken with 2 example(s)");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        await ConsolePage.PickAsync(page, "datasets-compare-from", "v1");
        await ConsolePage.PickAsync(page, "datasets-compare-to", "v2");
        await page.GetByTestId("datasets-compare").ClickAsync();
        await Assertions.Expect(page.GetByTestId("datasets-comparison")).ToContainTextAsync("v1 → v2: 0 added, 1 removed, 0 changed, 2 unchanged.");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("/evaluations/[0-9a-f-]{36}$")]
    private static partial Regex EvaluationUrl();
}
