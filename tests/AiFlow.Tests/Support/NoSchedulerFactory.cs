using Quartz;

namespace AiFlow.Tests.Support;

/// <summary>For services that may schedule but, in a test without a scheduler, never do.</summary>
public sealed class NoSchedulerFactory : ISchedulerFactory
{
    public ValueTask<List<IScheduler>> GetAllSchedulers(CancellationToken cancellationToken = default) => ValueTask.FromResult(new List<IScheduler>());

    public ValueTask<IScheduler> GetScheduler(CancellationToken cancellationToken = default) => throw new InvalidOperationException("No scheduler in this test.");

    public ValueTask<IScheduler?> LookupScheduler(string schedulerName, CancellationToken cancellationToken = default) => ValueTask.FromResult<IScheduler?>(null);
}
