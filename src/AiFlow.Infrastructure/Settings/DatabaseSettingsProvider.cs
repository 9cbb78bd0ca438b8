using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AiFlow.Infrastructure.Settings;

/// <summary>
/// The settings table as configuration (ADR 0037). It loads every stored value the catalogue accepts, then polls the
/// newest history id every <c>pollInterval</c>: when another console changed a setting it reloads and raises the reload
/// token, so each <c>IOptionsMonitor</c> sees the new value. A console that saved a setting itself calls
/// <see cref="Refresh"/> and does not wait for the poll.
/// </summary>
public sealed class DatabaseSettingsProvider : ConfigurationProvider, IDisposable
{
    private readonly string connectionString;
    private readonly Timer timer;
    private readonly Lock gate = new();
    // The newest setting_changes id seen; -1 before the first successful read (or while the table does not exist yet).
    private long seen = -1;

    public DatabaseSettingsProvider(string connectionString, TimeSpan pollInterval)
    {
        // A short connect timeout: a console whose database is down fails at its own start-up check with a clear message.
        this.connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, ApplicationName = "aiflow-settings" }.ConnectionString;
        timer = new Timer(_ => Poll(), null, pollInterval, pollInterval);
    }

    /// <summary>The keys this provider currently supplies, e.g. for the settings page to say where a value comes from.</summary>
    public bool Supplies(string key) => Data.ContainsKey(key);

    public override void Load() => Refresh();

    /// <summary>Reads the table now; raises the reload token when a value changed.</summary>
    public void Refresh()
    {
        lock (gate)
        {
            var (values, newest) = Read();
            if (values is null) return;
            seen = newest;
            if (Same(values, Data)) return;
            Data = values;
        }
        OnReload();
    }

    private void Poll()
    {
        try
        {
            if (Newest() != Interlocked.Read(ref seen)) Refresh();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The database is away for a moment: keep the values we have and try again at the next tick.
        }
    }

    private long Newest()
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("select coalesce(max(id), 0) from setting_changes", connection);
        try
        {
            return (long)command.ExecuteScalar()!;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return -1;
        }
    }

    /// <summary>The accepted values and the newest history id; null values when the database cannot be read.</summary>
    private (Dictionary<string, string?>? Values, long Newest) Read()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            // One snapshot for both reads, so the id and the values agree.
            using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
            using var command = new NpgsqlCommand(
                "select key, value::text, (select coalesce(max(id), 0) from setting_changes) from settings where value is not null", connection, transaction);
            long newest = 0;
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    newest = reader.GetInt64(2);
                    if (SettingsCatalogue.Find(reader.GetString(0)) is not { } definition) continue;
                    var check = SettingValueCheck.CheckStored(definition, reader.GetString(1));
                    if (check.Accepted) values[definition.Key] = check.ConfigurationValue;
                }
            }
            if (values.Count == 0) newest = Newest(connection, transaction);
            return (values, newest);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Before the first migration: nothing is stored yet; the poll picks the table up once it exists.
            return (values, -1);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return (null, -1);
        }
    }

    private static long Newest(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using var command = new NpgsqlCommand("select coalesce(max(id), 0) from setting_changes", connection, transaction);
        return (long)command.ExecuteScalar()!;
    }

    private static bool Same(Dictionary<string, string?> a, IDictionary<string, string?> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public void Dispose() => timer.Dispose();
}
