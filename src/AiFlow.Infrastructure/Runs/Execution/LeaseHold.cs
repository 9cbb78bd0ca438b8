namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>One run this process holds, as <see cref="RunLeaseKeeper"/> sees it; disposing it stops the renewals.</summary>
public sealed class LeaseHold : IDisposable
{
    private readonly RunLeaseKeeper keeper;
    private readonly TimeProvider clock;
    private readonly CancellationTokenSource stop;
    private long renewedAt;
    private bool released;

    internal LeaseHold(RunLeaseKeeper keeper, RunLease lease, CancellationTokenSource stop, TimeProvider clock)
    {
        this.keeper = keeper;
        this.clock = clock;
        Lease = lease;
        this.stop = stop;
        renewedAt = clock.GetTimestamp();
    }

    public RunLease Lease { get; }

    internal TimeSpan SinceRenewed => clock.GetElapsedTime(Interlocked.Read(ref renewedAt));

    /// <summary>A commit extended the lease: no heartbeat is needed for a while.</summary>
    public void Renewed() => Interlocked.Exchange(ref renewedAt, clock.GetTimestamp());

    /// <summary>The lease could not be renewed (the run was cancelled or taken over): stop the run's work.</summary>
    internal void Lost()
    {
        if (Volatile.Read(ref released)) return;
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended meanwhile.
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref released, true);
        keeper.Release(this);
    }
}
