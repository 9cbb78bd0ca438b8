namespace AiFlow.Bench;

/// <summary>Entry point: the first argument picks a bench, so new benches only add a case here and to <see cref="All"/>.</summary>
internal static class Program
{
    private static readonly (string Name, Func<string[], Task<int>> Run)[] All =
    [
        ("validation", _ => { ValidationBench.Run(); return Task.FromResult(0); }),
        ("gateway", _ => { GatewayBench.Run(); return Task.FromResult(0); }),
        ("engine", async rest => { await EngineBench.RunAsync(rest); return 0; }),
        ("claims", _ => ClaimBench.RunAsync()),
        ("evaluation", _ => EvaluationBench.RunAsync()),
        ("runs", _ => RunsBench.RunAsync()),
        ("retrieval", _ => RetrievalBench.RunAsync()),
        ("ingestion", _ => IngestionBench.RunAsync()),
        ("routing", _ => RoutingBench.RunAsync()),
        ("upload", _ => UploadBench.RunAsync()),
    ];

    private static int Main(string[] args)
    {
        var name = args.Length > 0 ? args[0] : string.Empty;
        if (string.Equals(name, "all", StringComparison.OrdinalIgnoreCase)) return RunAllAsync().GetAwaiter().GetResult();
        foreach (var (benchName, run) in All)
        {
            if (string.Equals(name, benchName, StringComparison.OrdinalIgnoreCase)) return run(args[1..]).GetAwaiter().GetResult();
        }
        Console.Error.WriteLine("usage: ./aiflow.sh bench <bench> (or dotnet run -c Release --project bench/AiFlow.Bench -- <bench>)");
        Console.Error.WriteLine($"benches: all, {string.Join(", ", All.Select(b => b.Name))}; engine takes [chain|diamond|throughput|hangfire|idle ...]; database benches use AIFLOW_BENCH_DB, a PostgreSQL server connection string");
        return 2;
    }

    /// <summary>
    /// Every bench in turn, then one Markdown report of the figures each handed in, with the machine before and after. A
    /// bench that fails is named in the report and the others still run; the exit code says whether any failed.
    /// </summary>
    private static async Task<int> RunAllAsync()
    {
        var before = BenchMachine.Describe();
        var failures = new List<string>();
        foreach (var (name, run) in All)
        {
            Console.WriteLine();
            Console.WriteLine($"=== {name} ===");
            try
            {
                if (await run([]) != 0) failures.Add($"{name} reported a failed goal or check (see its lines above)");
            }
            catch (Exception ex)
            {
                failures.Add($"{name}: {ex.GetType().Name}: {ex.Message}");
                Console.WriteLine($"{name} failed: {ex}");
            }
        }
        Console.WriteLine();
        Console.WriteLine(BenchReport.Markdown(before, BenchMachine.Describe(), failures));
        return failures.Count == 0 ? 0 : 1;
    }
}
