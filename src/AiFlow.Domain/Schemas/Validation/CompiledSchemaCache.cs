using System.Collections.Concurrent;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// Thread-safe cache of compiled schemas keyed by a caller-chosen key (e.g. schema version id + options),
/// so each schema is compiled once even under concurrent first use.
/// </summary>
public sealed class CompiledSchemaCache
{
    private readonly ConcurrentDictionary<string, Lazy<CompiledSchema>> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public CompiledSchema GetOrAdd(string key, Func<CompiledSchema> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var lazy = _entries.GetOrAdd(key, _ => new Lazy<CompiledSchema>(factory, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed compile must not poison the key forever.
            _entries.TryRemove(new KeyValuePair<string, Lazy<CompiledSchema>>(key, lazy));
            throw;
        }
    }

    public CompiledSchema GetOrAdd(string key, JsonElement schema, SchemaValidationOptions? options = null, ISchemaResolver? resolver = null)
    {
        // The factory runs inside this call, while the caller's element is still alive; Compile clones what it keeps.
        return GetOrAdd(key, () => JsonSchemaCompiler.Compile(schema, options, resolver));
    }

    public bool Remove(string key) => _entries.TryRemove(key, out _);

    public void Clear() => _entries.Clear();
}
