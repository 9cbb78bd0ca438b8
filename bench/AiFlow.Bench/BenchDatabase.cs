using System.Globalization;
using Npgsql;

namespace AiFlow.Bench;

/// <summary>What every database bench does beside its workload: run one statement, and read the server's CPU.</summary>
internal static class BenchDatabase
{
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// CPU milliseconds of the backends connected to <paramref name="database"/>, from /proc (ticks of 10 ms): the
    /// server's share of the work, apart from the bench's own. Backends that ended since are not counted, so callers keep
    /// their pools open across a measurement.
    /// </summary>
    public static async Task<double> BackendCpuMsAsync(string admin, string database) => BackendCpuMs(await BackendPidsAsync(admin, database));

    /// <summary>The process ids of the backends connected to <paramref name="database"/> now.</summary>
    public static async Task<IReadOnlyList<int>> BackendPidsAsync(string admin, string database)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = @d", connection);
        command.Parameters.AddWithValue("d", database);
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
        return pids;
    }

    /// <summary>CPU milliseconds of these backends so far, from /proc alone: cheap enough to read around every call.</summary>
    public static double BackendCpuMs(IEnumerable<int> pids)
    {
        double total = 0;
        foreach (var pid in pids)
        {
            var path = $"/proc/{pid}/stat";
            if (!File.Exists(path)) continue;
            var fields = File.ReadAllText(path).Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            total += (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) * 10;
        }
        return total;
    }
}
