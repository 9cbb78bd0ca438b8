namespace AiFlow.Tests.Support;

/// <summary>
/// Tests that count database commits run alone, after the parallel ones: on a loaded 2-core machine, slow calls are
/// retried and a slow run renews its lease, which a commit count would charge to the steps.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuietCollection
{
    public const string Name = "Quiet (runs alone)";
}
