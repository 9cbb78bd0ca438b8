using System.Globalization;
using System.Text.Json.Nodes;
using AiFlow.Domain.Common;
using AiFlow.Domain.Settings;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Npgsql;

namespace AiFlow.Infrastructure.Settings;

/// <summary>
/// Reads and writes the settings in <see cref="SettingsCatalogue"/> (ADR 0037): a write names the version it read (else a
/// conflict), is checked by the catalogue (else refused, nothing saved), and commits the value, a history line and an
/// audit entry together; this console then reloads its configuration at once, the others at their next poll.
/// </summary>
public sealed class SettingsService(IDbContextFactory<AiFlowDbContext> contexts, IConfiguration configuration, TimeProvider clock)
{
    private const string AuditType = "Setting";

    public async Task<IReadOnlyList<SettingView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, StringComparer.OrdinalIgnoreCase, cancellationToken);
        return SettingsCatalogue.All.Select(d => View(d, rows.GetValueOrDefault(d.Key))).ToList();
    }

    public async Task<SettingView?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (SettingsCatalogue.Find(key) is not { } definition) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return View(definition, await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == definition.Key, cancellationToken));
    }

    /// <summary>Stores <paramref name="value"/> for <paramref name="key"/> if nobody changed it since <paramref name="expectedVersion"/>.</summary>
    public Task<SaveResult<SettingView>> SetAsync(string key, JsonNode? value, int expectedVersion, CancellationToken cancellationToken)
    {
        if (SettingsCatalogue.Find(key) is not { } definition) return Task.FromResult(UnknownKey(key));
        var check = SettingValueCheck.Check(definition, value);
        if (!check.Accepted) return Task.FromResult(SaveResult.Invalid<SettingView>(check.Error!));
        return WriteAsync(definition, check.StoredJson, expectedVersion, cancellationToken);
    }

    /// <summary>Removes the database's value so appsettings, the environment or the default applies again.</summary>
    public Task<SaveResult<SettingView>> ResetAsync(string key, int? expectedVersion, CancellationToken cancellationToken) =>
        SettingsCatalogue.Find(key) is { } definition
            ? WriteAsync(definition, null, expectedVersion, cancellationToken)
            : Task.FromResult(UnknownKey(key));

    /// <summary>Every change to <paramref name="key"/>, newest first; null when it is not a setting.</summary>
    public async Task<IReadOnlyList<SettingChangeView>?> HistoryAsync(string key, CancellationToken cancellationToken)
    {
        if (SettingsCatalogue.Find(key) is not { } definition) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changes = await db.SettingChanges.AsNoTracking().Where(c => c.Key == definition.Key).OrderByDescending(c => c.Version)
            .Select(c => new { c.Version, c.ValueJson, c.ChangedBy, c.ChangedAt }).ToListAsync(cancellationToken);
        return changes.Select(c => new SettingChangeView(c.Version, c.ValueJson is null ? null : JsonNode.Parse(c.ValueJson), c.ValueJson is null, c.ChangedBy, c.ChangedAt)).ToList();
    }

    private async Task<SaveResult<SettingView>> WriteAsync(SettingDefinition definition, string? storedJson, int? expectedVersion, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == definition.Key, cancellationToken);
        var current = row?.Version ?? 0;
        if (expectedVersion is { } expected && expected != current) return Stale(definition, row, expected);
        if (storedJson is null && row?.ValueJson is null)
        {
            // Nothing stored: a reset has nothing to remove and writes no history.
            return SaveResult.Ok(View(definition, row));
        }

        var before = row?.ValueJson;
        var now = clock.GetUtcNow();
        var user = AuditScope.UserName;
        if (row is null)
        {
            row = new SettingOverride { Key = definition.Key };
            db.Settings.Add(row);
        }
        row.ValueJson = storedJson;
        row.Version = current + 1;
        row.UpdatedBy = user;
        row.UpdatedAt = now;
        db.SettingChanges.Add(new SettingChange { Key = definition.Key, ValueJson = storedJson, Version = row.Version, ChangedBy = user, ChangedAt = now });
        try
        {
            // One SaveChanges: the value, its history line and the audit entry commit together.
            await AuditLog.RecordAsync(db, clock, AuditType, [definition.Key], storedJson is null ? AuditAction.Deleted : before is null ? AuditAction.Created : AuditAction.Updated,
                before is null ? null : new { Value = JsonNode.Parse(before), Version = current },
                new { Value = storedJson is null ? null : JsonNode.Parse(storedJson), Version = row.Version, Reset = storedJson is null }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveResult.Conflict<SettingView>($"{definition.Key} was changed by someone else while you saved; reload it and try again.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return SaveResult.Conflict<SettingView>($"{definition.Key} was changed by someone else while you saved; reload it and try again.");
        }
        // This console applies the change now; the others see it at their next poll.
        foreach (var provider in Providers().OfType<DatabaseSettingsProvider>()) provider.Refresh();
        return SaveResult.Ok(View(definition, row));
    }

    private static SaveResult<SettingView> UnknownKey(string key) =>
        SaveResult.NotFound<SettingView>($"There is no setting '{key}'; GET /api/settings lists them.");

    private static SaveResult<SettingView> Stale(SettingDefinition definition, SettingOverride? row, int expected) =>
        SaveResult.Conflict<SettingView>(row is null
            ? $"{definition.Key} has never been stored, so its version is 0, not {expected}."
            : $"{definition.Key} is at version {row.Version} (changed by {row.UpdatedBy} at {row.UpdatedAt.ToString("u", CultureInfo.InvariantCulture)}), not {expected}: reload it and try again.");

    private SettingView View(SettingDefinition d, SettingOverride? row)
    {
        var (value, source) = Effective(d.Key, skipDatabase: false);
        var (fileValue, fileSource) = Effective(d.Key, skipDatabase: true);
        return new SettingView(d.Key, d.Group, d.Type.ToString(), d.Description, d.Accepts, d.Choices, d.AllowEmpty, d.Min, d.Max, d.Default,
            Typed(d, value), source, Typed(d, fileValue), fileSource, row?.Version ?? 0, row?.UpdatedBy, row?.UpdatedAt);
    }

    /// <summary>The value of <paramref name="key"/> and the source that wins, as configuration resolves it (last source first).</summary>
    private (string? Value, string Source) Effective(string key, bool skipDatabase)
    {
        foreach (var provider in Providers().Reverse())
        {
            if (provider is DatabaseSettingsProvider database && (skipDatabase || !database.Supplies(key))) continue;
            if (provider.TryGet(key, out var value)) return (value, SourceName(provider));
        }
        return (null, "default");
    }

    private IEnumerable<IConfigurationProvider> Providers() => (configuration as IConfigurationRoot)?.Providers ?? [];

    private static string SourceName(IConfigurationProvider provider) => provider switch
    {
        DatabaseSettingsProvider => "database",
        FileConfigurationProvider => "appsettings",
        EnvironmentVariablesConfigurationProvider => "environment",
        _ => "configuration",
    };

    /// <summary>A configuration string as the JSON the API shows: numbers as numbers, empty as null; a value the type cannot read as text.</summary>
    private static JsonValue? Typed(SettingDefinition d, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        return d.Type switch
        {
            SettingType.Integer when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            SettingType.Number when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) => JsonValue.Create(x),
            _ => JsonValue.Create(value),
        };
    }
}
