using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AiFlow.Infrastructure.Inference.BuiltIn;
using Microsoft.Extensions.Options;

namespace AiFlow.Tests.Infrastructure.Inference.BuiltIn;

/// <summary>The ingestion bench splits a job's time into the model's and the rest by this meter, so it must see every batch.</summary>
public sealed class BuiltInEmbedderMeterTests
{
    [Fact]
    public async Task Each_batch_records_its_time_inside_the_model()
    {
        var measured = new ConcurrentBag<double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == BuiltInEmbedder.Meter.Name) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => measured.Add(value));
        listener.Start();
        using var embedder = new BuiltInEmbedder(Options.Create(new BuiltInEmbeddingOptions { BatchSize = 2, MaxConcurrency = 1 }));

        var result = await embedder.EmbedAsync(["one sentence", "another sentence", "a third one in its own batch"], CancellationToken.None);

        Assert.Equal(3, result.Vectors.Count);
        // Other tests may embed at the same time; this call's two batches are at least there, each taking some time.
        Assert.True(measured.Count >= 2, $"{measured.Count} measurements");
        Assert.All(measured, ms => Assert.True(ms > 0));
    }
}
