using Microsoft.Extensions.Options;

namespace AiFlow.Tests.Support;

/// <summary>Options a test changes between calls, as a settings change does at run time.</summary>
public sealed class MutableOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; set; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
