using System.Net;
using AiFlow.Domain.Common;
using AiFlow.Infrastructure.Inference.Security;
using AiFlow.Infrastructure.Retrieval.Collections;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>
/// Reads the sources the server may read itself: files and folders under <c>AiFlow:Retrieval:AllowedRoots</c> only
/// (symbolic links are not followed out of them), and URLs through the endpoints' SSRF guard (public addresses or
/// allow-listed hosts, the address checked at connect time) with a size cap. All or nothing: any problem and no file is returned.
/// </summary>
public sealed class SourceReader(IOptionsMonitor<IngestionOptions> options, SsrfGuard guard, IHttpClientFactory http)
{
    public const string ClientName = "aiflow-ingestion-sources";

    /// <summary>The extensions a folder is scanned for; other files in it are left alone.</summary>
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".pdf", ".html", ".htm", ".md", ".markdown", ".txt", ".text" };

    public (List<IncomingFile> Files, List<FieldProblem> Problems) ReadPaths(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var settings = options.CurrentValue;
        var roots = settings.AllowedRoots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).ToList();
        var files = new List<IncomingFile>();
        var problems = new List<FieldProblem>();
        long total = 0;
        for (var i = 0; i < paths.Count; i++)
        {
            var pointer = $"/paths/{i}";
            var path = paths[i];
            if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path) || path.Any(char.IsControl))
            {
                problems.Add(new(pointer, "Give an absolute path on the server, e.g. /usr/share/doc/postgresql-doc-15/html."));
                continue;
            }
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
            if (!roots.Any(root => full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                problems.Add(new(pointer, roots.Count == 0
                    ? "The server reads no folder: no root is allow-listed in AiFlow:Retrieval:AllowedRoots."
                    : $"{full} is outside the allow-listed roots ({string.Join(", ", roots)})."));
                continue;
            }
            IEnumerable<string> found;
            if (File.Exists(full)) found = [full];
            else if (Directory.Exists(full))
            {
                found = Directory.EnumerateFiles(full, "*", new EnumerationOptions
                {
                    RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = true,
                }).Where(f => Extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal);
            }
            else
            {
                problems.Add(new(pointer, $"{full} does not exist on the server."));
                continue;
            }
            foreach (var file in found)
            {
                var info = new FileInfo(file);
                if (info.LinkTarget is not null) continue;
                total += info.Length;
                if (total > settings.MaxUploadBytes || files.Count >= settings.MaxFilesPerRequest)
                {
                    problems.Add(new(pointer, $"The files exceed what one request takes ({settings.MaxFilesPerRequest} files, {settings.MaxUploadBytes:N0} bytes); name a smaller folder."));
                    break;
                }
                files.Add(new IncomingFile(file, File.ReadAllBytes(file), new Uri(file).AbsoluteUri));
            }
        }
        if (problems.Count == 0 && files.Count == 0) problems.Add(new("/paths", $"No file to ingest was found (looked for {string.Join(", ", Extensions.Order(StringComparer.Ordinal))})."));
        return problems.Count > 0 ? ([], problems) : (files, problems);
    }

    public async Task<(List<IncomingFile> Files, List<FieldProblem> Problems)> FetchAsync(IReadOnlyList<string> urls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var settings = options.CurrentValue;
        var files = new List<IncomingFile>();
        var problems = new List<FieldProblem>();
        if (urls.Count > settings.MaxFilesPerRequest) return ([], [new("/urls", $"One request takes at most {settings.MaxFilesPerRequest} URLs.")]);
        var client = http.CreateClient(ClientName);
        for (var i = 0; i < urls.Count; i++)
        {
            var pointer = $"/urls/{i}";
            var url = urls[i]?.Trim();
            if (await guard.CheckUrlAsync(url, cancellationToken) is { } refused)
            {
                problems.Add(new(pointer, refused));
                continue;
            }
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(settings.UrlTimeoutSeconds));
                using var response = await client.GetAsync(new Uri(url!), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    problems.Add(new(pointer, $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}."));
                    continue;
                }
                if (response.Content.Headers.ContentLength > settings.MaxUrlBytes)
                {
                    problems.Add(new(pointer, $"{url} is {response.Content.Headers.ContentLength:N0} bytes; the limit is {settings.MaxUrlBytes:N0}."));
                    continue;
                }
                var bytes = await ReadCappedAsync(await response.Content.ReadAsStreamAsync(timeout.Token), settings.MaxUrlBytes, timeout.Token);
                if (bytes is null)
                {
                    problems.Add(new(pointer, $"{url} is longer than the limit of {settings.MaxUrlBytes:N0} bytes."));
                    continue;
                }
                files.Add(new IncomingFile(url!, bytes, url));
            }
            catch (Exception ex) when (ex is HttpRequestException or SsrfRefusedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var reason = ex is OperationCanceledException ? $"no answer within {settings.UrlTimeoutSeconds} s" : (ex.InnerException as SsrfRefusedException)?.Message ?? ex.Message;
                problems.Add(new(pointer, $"{url} could not be fetched: {reason}"));
            }
        }
        return problems.Count > 0 ? ([], problems) : (files, problems);
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream stream, long max, CancellationToken cancellationToken)
    {
        await using var _ = stream;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The sockets of source fetches: every connection, redirects included, goes through the guard's checked address.</summary>
    internal static SocketsHttpHandler Handler(SsrfGuard guard) => new()
    {
        ConnectCallback = guard.ConnectAsync,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 3,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.All,
    };
}
