using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFlow.Infrastructure.Settings;

public static class SettingsDependencyInjection
{
    /// <summary>How often a console looks for settings changed by another console (<c>AiFlow:Settings:PollSeconds</c>).</summary>
    public const string PollSecondsKey = "AiFlow:Settings:PollSeconds";

    /// <summary>
    /// Adds the database's settings as the last configuration source, so they win over appsettings.json, the environment
    /// and the command line, and registers the service that edits them.
    /// </summary>
    public static IHostApplicationBuilder AddDatabaseSettings(this IHostApplicationBuilder builder, string connectionString)
    {
        // 10 s: every idle worker node polls, and at 2 s the polls alone pushed 8 idle workers past the engine's
        // idle budget of 5 transactions/s (bench engine idle); a console that saves applies the change at once anyway.
        var seconds = builder.Configuration.GetValue<double?>(PollSecondsKey) ?? 10;
        builder.Configuration.Add(new DatabaseSettingsSource(connectionString, TimeSpan.FromSeconds(Math.Clamp(seconds, 0.2, 300))));
        builder.Services.AddSingleton<SettingsService>();
        return builder;
    }
}
