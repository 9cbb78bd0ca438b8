using AiFlow.Web;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace AiFlow.Tests.Web.Hosting;

/// <summary>The app's own log levels stay as they are unless configuration says otherwise (as the tests' console does).</summary>
public class SerilogSettingsTests
{
    private const string AppSource = "AiFlow.Infrastructure.Runs.Execution.RunExecutor";
    private const string RequestLog = "Serilog.AspNetCore.RequestLoggingMiddleware";

    private static Logger Build(Dictionary<string, string?> settings)
    {
        settings["AiFlow:LogDirectory"] = Path.Combine(Path.GetTempPath(), "aiflow-test-logs");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return HostingExtensions.ConfigureSerilog(new LoggerConfiguration(), configuration).CreateLogger();
    }

    private static bool Logs(Logger logger, string source, LogEventLevel level) =>
        logger.ForContext(Constants.SourceContextPropertyName, source).IsEnabled(level);

    [Fact]
    public void By_default_the_app_logs_information_and_asp_net_core_only_warnings()
    {
        using var logger = Build([]);

        Assert.True(Logs(logger, AppSource, LogEventLevel.Information));
        Assert.True(Logs(logger, RequestLog, LogEventLevel.Information));
        Assert.False(Logs(logger, "Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Information));
        Assert.True(Logs(logger, "Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning));
    }

    [Fact]
    public void A_minimum_level_in_configuration_wins_over_the_app_defaults()
    {
        using var logger = Build(new() { ["Serilog:MinimumLevel:Default"] = "Warning" });

        Assert.False(Logs(logger, AppSource, LogEventLevel.Information));
        Assert.False(Logs(logger, RequestLog, LogEventLevel.Information));
        Assert.True(Logs(logger, AppSource, LogEventLevel.Warning));
        Assert.True(Logs(logger, RequestLog, LogEventLevel.Error));
    }
}
