using Quartz;

namespace AiFlow.Bench;

/// <summary>The bench's items are not human-review nodes, so nothing is ever scheduled.</summary>
internal sealed class NoSchedulerFactory : ISchedulerFactory
{
    public ValueTask<List<IScheduler>> GetAllSchedulers(CancellationToken cancellationToken = default) => ValueTask.FromResult(new List<IScheduler>());

    public ValueTask<IScheduler> GetScheduler(CancellationToken cancellationToken = default) => throw new InvalidOperationException("No scheduler in the bench.");

    public ValueTask<IScheduler?> LookupScheduler(string schedulerName, CancellationToken cancellationToken = default) => ValueTask.FromResult<IScheduler?>(null);
}
