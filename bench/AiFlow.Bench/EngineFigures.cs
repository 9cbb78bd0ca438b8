namespace AiFlow.Bench;

/// <summary>
/// The engine's figures of one run, held back until its peer has run too, so each report line carries Hangfire's
/// figure and the ratio AiFlow ÷ Hangfire (for steps/s higher is better; for the others lower is better).
/// </summary>
internal sealed class EngineFigures
{
    public (double P50, double P95)? ChainOverhead { get; set; }
    public double? DiamondMakespanMs { get; set; }
    public double? StepsPerSecond { get; set; }
    public (double Worker, double Database, double Simulator)? Cpu { get; set; }
    public double? CommitsPerStep { get; set; }

    public void Report(HangfireFigures? peer)
    {
        string Peer(Func<HangfireFigures, string> value) => peer is null ? string.Empty : "Hangfire " + value(peer);
        string Ratio(double? ours, Func<HangfireFigures, double> theirs) =>
            peer is null || ours is not { } a || theirs(peer) <= 0 ? string.Empty : $"AiFlow ÷ Hangfire {BenchReport.Number(a / theirs(peer), "0.00")}";

        if (ChainOverhead is not null || peer is not null)
        {
            BenchReport.Add("engine", "100-step chain at 50 ms: overhead per step p50 / p95",
                ChainOverhead is { } c ? $"{BenchReport.Number(c.P50)} / {BenchReport.Number(c.P95)} ms" : "not run", "≤ 3 / ≤ 5 ms",
                Peer(h => $"{BenchReport.Number(h.ChainOverheadP50)} / {BenchReport.Number(h.ChainOverheadP95)} ms"), Ratio(ChainOverhead?.P50, h => h.ChainOverheadP50) + (peer is null ? string.Empty : " (p50)"));
        }
        if (DiamondMakespanMs is not null || peer is not null)
        {
            BenchReport.Add("engine", "diamond 1→16→1 at 200 ms: makespan ÷ critical path",
                DiamondMakespanMs is { } d ? BenchReport.Number(d / 600, "0.00") : "not run", "≤ 1.10",
                Peer(h => BenchReport.Number(h.DiamondMakespanMs / 600, "0.00")), Ratio(DiamondMakespanMs, h => h.DiamondMakespanMs));
        }
        if (StepsPerSecond is null && peer is null) return;
        BenchReport.Add("engine", "40 × 10-step runs at 0 ms: steps/s (median of rounds)",
            StepsPerSecond is { } rate ? BenchReport.Number(rate, "0") : "not run", "≥ 500",
            Peer(h => BenchReport.Number(h.StepsPerSecondMedian, "0")), Ratio(StepsPerSecond, h => h.StepsPerSecondMedian));
        BenchReport.Add("engine", "  CPU per step: worker / PostgreSQL (median)",
            Cpu is { } cpu ? $"{BenchReport.Number(cpu.Worker, "0.00")} / {BenchReport.Number(cpu.Database, "0.00")} ms" : "not run", "worker halved");
        // Hangfire's server shares the bench process with the simulator, so the like-for-like figure is the engine's
        // worker plus the bench process (simulator and polls) against Hangfire's process, each with its PostgreSQL share.
        BenchReport.Add("engine", "  CPU per step: (worker + simulator) / PostgreSQL",
            Cpu is { } all ? $"{BenchReport.Number(all.Worker + all.Simulator, "0.00")} / {BenchReport.Number(all.Database, "0.00")} ms" : "not run", string.Empty,
            Peer(h => $"(server + simulator) {BenchReport.Number(h.ProcessCpuPerStep, "0.00")} / {BenchReport.Number(h.DatabaseCpuPerStep, "0.00")} ms"),
            Ratio(Cpu is { } t ? t.Worker + t.Simulator + t.Database : null, h => h.ProcessCpuPerStep + h.DatabaseCpuPerStep) + (peer is null ? string.Empty : " (total)"));
        BenchReport.Add("engine", "  commits per step",
            CommitsPerStep is { } commits ? BenchReport.Number(commits, "0.00") : "not run", "≤ 3",
            Peer(h => BenchReport.Number(h.CommitsPerStep, "0.00")), Ratio(CommitsPerStep, h => h.CommitsPerStep));
    }
}
