using AiFlow.Infrastructure.Runs.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AiFlow.Web.Telemetry;

/// <summary>
/// Metrics of the "AiFlow" meter (runs, steps, step latency histogram, tokens, cost, validation failures, queue depth)
/// and ASP.NET Core are scraped at /metrics in Prometheus format. With an OTLP endpoint configured
/// (OTEL_EXPORTER_OTLP_ENDPOINT or AiFlow:Telemetry:OtlpEndpoint) metrics and the run/step spans are also pushed there.
/// </summary>
public static class TelemetryExtensions
{
    public const string OtlpSetting = "AiFlow:Telemetry:OtlpEndpoint";

    public static void AddAiFlowTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = builder.Configuration[OtlpSetting] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("aiflow"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RunTelemetry.Name).AddAspNetCoreInstrumentation().AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(otlp)) metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            });
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            // Spans are only worth recording when something collects them.
            telemetry.WithTracing(tracing => tracing.AddSource(RunTelemetry.Name).AddAspNetCoreInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }
    }

    public static void MapMetrics(this WebApplication app) => app.MapPrometheusScrapingEndpoint("/metrics");
}
