using AiFlow.Infrastructure.Budgets;
using AiFlow.Infrastructure.Runs.Telemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AiFlow.Web.Telemetry;

/// <summary>
/// Metrics of the "AiFlow" meter (runs, steps, step latency histogram, tokens, cost, validation failures, queue depth)
/// and ASP.NET Core are scraped at /metrics in Prometheus format. With an OTLP endpoint configured
/// (OTEL_EXPORTER_OTLP_ENDPOINT or AiFlow:Telemetry:OtlpEndpoint; protocol from OTEL_EXPORTER_OTLP_PROTOCOL or
/// AiFlow:Telemetry:OtlpProtocol) metrics and the run/step spans are also pushed there.
/// </summary>
public static class TelemetryExtensions
{
    public const string OtlpSetting = "AiFlow:Telemetry:OtlpEndpoint";
    public const string ProtocolSetting = "AiFlow:Telemetry:OtlpProtocol";
    public const string ExportIntervalSetting = "AiFlow:Telemetry:ExportIntervalMs";

    public static void AddAiFlowTelemetry(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var otlp = config[OtlpSetting] ?? config["OTEL_EXPORTER_OTLP_ENDPOINT"];
        // gRPC (port 4317) is the OTLP default; "http/protobuf" (port 4318) posts to /v1/traces and /v1/metrics.
        var http = string.Equals(config[ProtocolSetting] ?? config["OTEL_EXPORTER_OTLP_PROTOCOL"], "http/protobuf", StringComparison.OrdinalIgnoreCase);
        var intervalMs = config.GetValue(ExportIntervalSetting, 5_000);
        void Target(OtlpExporterOptions o, string signal)
        {
            o.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            o.Endpoint = new Uri(http ? $"{otlp!.TrimEnd('/')}/v1/{signal}" : otlp!);
            o.BatchExportProcessorOptions.ScheduledDelayMilliseconds = intervalMs;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("aiflow"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RunTelemetry.Name).AddMeter(AiFlow.Infrastructure.Evaluation.EvaluationExecutor.Meter.Name)
                    .AddMeter(AiFlow.Infrastructure.Inference.BuiltIn.BuiltInEmbedder.Meter.Name).AddMeter(BudgetMetrics.MeterName).AddAspNetCoreInstrumentation().AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    metrics.AddOtlpExporter((o, reader) =>
                    {
                        Target(o, "metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = intervalMs;
                    });
                }
            });
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            // Spans are only worth recording when something collects them.
            telemetry.WithTracing(tracing => tracing.AddSource(RunTelemetry.Name).AddAspNetCoreInstrumentation()
                .AddOtlpExporter(o => Target(o, "traces")));
        }
    }

    public static IEndpointConventionBuilder MapMetrics(this WebApplication app)
    {
        // The budget gauges exist once their owner does.
        app.Services.GetRequiredService<BudgetMetrics>();
        return app.MapPrometheusScrapingEndpoint("/metrics");
    }
}
