using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Retrieval;
using AiFlow.Infrastructure.Retrieval.Collections;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.E2E.Collections;

/// <summary>Changing a collection's settings: the row version read guards the save, and the dimension is fixed once chunks exist.</summary>
[Collection(ConsoleCollection.Name)]
public class CollectionSettingsTests(ConsoleFixture console)
{
    private CollectionService Service => console.App.Services.GetRequiredService<CollectionService>();

    [Fact]
    public async Task A_settings_change_from_a_stale_read_is_a_conflict_and_changes_nothing()
    {
        var key = "s-" + Guid.NewGuid().ToString("N")[..8];
        var created = await Service.CreateAsync(key, new CollectionSettings(Name: "Settings"), TestUsers.Admin(), CancellationToken.None);
        var read = created.Value!.Collection.Version;

        var first = await Service.UpdateAsync(key, read, new CollectionSettings(ChunkMaxTokens: 300), TestUsers.Admin(), CancellationToken.None);
        var stale = await Service.UpdateAsync(key, read, new CollectionSettings(ChunkMaxTokens: 400), TestUsers.Admin(), CancellationToken.None);

        Assert.True(first.Saved, first.Message);
        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
        Assert.Equal(300, (await Service.GetAsync(key, CancellationToken.None))!.Collection.ChunkMaxTokens);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.UpdateAsync(key, first.Value!.Collection.Version, new CollectionSettings(Name: "x"),
            TestUsers.Ops(), CancellationToken.None));
    }

    [Fact]
    public async Task The_dimension_changes_with_its_index_while_the_collection_is_empty_and_is_refused_once_chunks_exist()
    {
        var api = new CollectionsApi(console.Database, console.App.BaseAddress, console.ApiClient(ConsoleApp.DemoApiKey));
        var key = await api.CreateAsync(await api.AddSimulatorEmbeddingRouteAsync(), dimensions: 128);
        var before = (await Service.GetAsync(key, CancellationToken.None))!.Collection;

        var resized = await Service.UpdateAsync(key, before.Version, new CollectionSettings(Dimensions: 384), TestUsers.Admin(), CancellationToken.None);
        await api.IngestAsync(key, ("heater.md", CollectionsApi.Manual("Heater", 51, sections: 2)));
        var refused = await Service.UpdateAsync(key, resized.Value!.Collection.Version, new CollectionSettings(Dimensions: 768), TestUsers.Admin(), CancellationToken.None);

        Assert.True(resized.Saved, resized.Message);
        await using var db = console.Database.CreateContext();
        var definition = await db.Database.SqlQuery<string>($"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname = {CollectionVectorIndex.Name(before.Id)}").SingleAsync();
        Assert.Contains("vector(384)", definition, StringComparison.Ordinal);
        Assert.True((await api.CollectionAsync(key))["counts"]!["chunks"]!.GetValue<int>() > 0);
        Assert.Equal(SaveOutcome.Invalid, refused.Outcome);
        Assert.Equal("/dimensions", refused.Problems.Single().Field);
        Assert.Equal(384, (await Service.GetAsync(key, CancellationToken.None))!.Collection.Dimensions);

        // The chunks' tsvectors were made in English: a German configuration would query them with German stems.
        var relanguaged = await Service.UpdateAsync(key, resized.Value!.Collection.Version, new CollectionSettings(TextSearchLanguage: "german"), TestUsers.Admin(), CancellationToken.None);
        Assert.Equal(SaveOutcome.Invalid, relanguaged.Outcome);
        Assert.Equal("/textSearchLanguage", relanguaged.Problems.Single().Field);
        Assert.Equal("english", (await Service.GetAsync(key, CancellationToken.None))!.Collection.TextSearchLanguage);
    }
}
