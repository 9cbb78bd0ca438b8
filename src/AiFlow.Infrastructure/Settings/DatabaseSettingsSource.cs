using Microsoft.Extensions.Configuration;

namespace AiFlow.Infrastructure.Settings;

/// <summary>Adds the settings stored in PostgreSQL to configuration, above every other source (ADR 0037).</summary>
public sealed class DatabaseSettingsSource(string connectionString, TimeSpan pollInterval) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new DatabaseSettingsProvider(connectionString, pollInterval);
}
