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
        var seconds = builder.Configuration.GetValue<double?>(PollSecondsKey) ?? 2;
        builder.Configuration.Add(new DatabaseSettingsSource(connectionString, TimeSpan.FromSeconds(Math.Clamp(seconds, 0.2, 300))));
        builder.Services.AddSingleton<SettingsService>();
        return builder;
    }
}
