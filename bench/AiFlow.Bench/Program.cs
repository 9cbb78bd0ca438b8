namespace AiFlow.Bench;

/// <summary>Entry point: the first argument picks a bench, so new benches only add a case here.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string name = args.Length > 0 ? args[0].ToUpperInvariant() : string.Empty;
        switch (name)
        {
            case "VALIDATION":
                ValidationBench.Run();
                return 0;
            case "ENGINE":
                EngineBench.RunAsync(args[1..]).GetAwaiter().GetResult();
                return 0;
            case "GATEWAY":
                GatewayBench.Run();
                return 0;
            case "CLAIMS":
                return ClaimBench.RunAsync().GetAwaiter().GetResult();
            case "EVALUATION":
                return EvaluationBench.RunAsync().GetAwaiter().GetResult();
            case "RUNS":
                return RunsBench.RunAsync().GetAwaiter().GetResult();
            case "RETRIEVAL":
                return RetrievalBench.RunAsync().GetAwaiter().GetResult();
            case "INGESTION":
                return IngestionBench.RunAsync().GetAwaiter().GetResult();
            default:
                Console.Error.WriteLine("usage: dotnet run -c Release --project bench/AiFlow.Bench -- <bench>");
                Console.Error.WriteLine("benches: validation, engine [chain|diamond|throughput|idle ...], gateway, claims, evaluation, runs, retrieval, ingestion (database benches use AIFLOW_BENCH_DB, a PostgreSQL server connection string)");
                return 2;
        }
    }
}
