namespace AiFlow.Tests.Support;

/// <summary>
/// Data that a test reads from where the machine installed it (a Debian package's files), never from the repository.
/// Like the JSON Schema Test Suite (see JsonSchemaSuite.Require): missing data skips the test with the reason on a
/// workstation, and fails it under CI, where a skipped test must never look green.
/// </summary>
internal static class InstalledData
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void RequireDirectory(string directory, string howToInstall)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        var message = $"{directory} is missing: {howToInstall}";
        if (IsCi)
        {
            Assert.Fail(message);
        }

        Skip.If(true, message);
    }
}
