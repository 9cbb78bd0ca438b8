namespace AiFlow.Infrastructure.Seeding;

/// <summary>
/// The PostgreSQL manual that Debian's postgresql-doc-15 installs: real text the demo offers to ingest, read where it is
/// installed and never copied into the repository. The demo takes the chapters on backup, indexes and vacuuming (26
/// pages, about a minute on the built-in CPU model) rather than all 1,173 pages.
/// </summary>
public static class PostgresManual
{
    public const string Directory = "/usr/share/doc/postgresql-doc-15/html";
    public const string CollectionKey = "postgres-manual";
    public const string Licence = "PostgreSQL Licence";

    private static readonly string[] DemoPatterns =
        ["backup*.html", "continuous-archiving.html", "app-pgdump.html", "app-pgrestore.html", "indexes*.html", "routine-vacuuming.html", "sql-createindex.html", "sql-vacuum.html"];

    public static bool IsInstalled => System.IO.Directory.Exists(Directory);

    /// <summary>The demo's pages, in name order; empty when the manual is not installed.</summary>
    public static IReadOnlyList<string> DemoPages() => !IsInstalled ? [] :
        [.. DemoPatterns.SelectMany(p => System.IO.Directory.EnumerateFiles(Directory, p)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
