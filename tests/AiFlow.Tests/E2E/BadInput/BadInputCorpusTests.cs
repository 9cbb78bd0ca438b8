using System.Net.Http.Headers;
using AiFlow.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace AiFlow.Tests.E2E.BadInput;

/// <summary>
/// The bad-input corpus (issue 13, item 4): every <c>/api</c> route that reads a body or a query gets malformed bodies,
/// queries, route values and methods as an Admin, and must answer each with a 4xx problem document (never a 500, never
/// HTML) and write nothing.
/// </summary>
[Collection(IdleConsoleCollection.Name)]
public class BadInputCorpusTests(IdleConsoleFixture console, ITestOutputHelper output)
{
    [Fact]
    public void Every_api_route_says_what_it_reads_so_that_the_corpus_covers_it()
    {
        var mapped = ApiRoutes();
        var problems = mapped.Where(r => !BadInputRoutes.All.ContainsKey(r)).Select(r => $"{r}: not in BadInputRoutes; say what it reads")
            .Concat(BadInputRoutes.All.Keys.Where(r => !mapped.Contains(r)).Select(r => $"{r}: in BadInputRoutes but not mapped"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Every_malformed_request_to_every_api_route_is_a_4xx_problem_and_writes_nothing()
    {
        var routes = ApiRoutes();
        var corpus = routes.Where(BadInputRoutes.All.ContainsKey)
            .SelectMany(r => BadInputCorpus.For(r, BadInputRoutes.All[r]).Select(request => (Route: r, Request: request)))
            .ToList();
        using var client = console.AdminClient();
        var before = await SnapshotAsync();

        var failures = new List<string>();
        foreach (var (route, request) in corpus)
        {
            using var message = new HttpRequestMessage(request.Method, new Uri(request.PathAndQuery, UriKind.Relative));
            if (request.Body is not null)
            {
                message.Content = new ByteArrayContent(request.Body);
                if (request.ContentType is not null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            }
            using var response = await client.SendAsync(message);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            var refused = request.RefusedByKestrel ? status == 400 : status is >= 400 and <= 499 && type == "application/problem+json";
            if (!refused)
            {
                var text = await response.Content.ReadAsStringAsync();
                failures.Add($"{route} [{request.Case}] {request.Method} {Shorten(request.PathAndQuery)} → {status} {type}: {Shorten(text)}");
            }
        }
        var after = await SnapshotAsync();

        var bodyRoutes = corpus.Where(c => BadInputRoutes.All[c.Route].TakesBody).GroupBy(c => c.Route).ToList();
        output.WriteLine($"{corpus.Count} malformed requests to {corpus.Select(c => c.Route).Distinct().Count()} routes; " +
            $"{bodyRoutes.Sum(g => g.Count())} to the {bodyRoutes.Count} routes with a body (fewest {bodyRoutes.Min(g => g.Count())}, most {bodyRoutes.Max(g => g.Count())}); " +
            $"{corpus.Count(c => c.Request.Case.StartsWith('?'))} malformed query values.");
        Assert.True(corpus.Count >= 100, $"only {corpus.Count} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count} answers were not 4xx problems:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(60))}");
        var changed = before.Where(t => !after.TryGetValue(t.Key, out var a) || a != t.Value).Select(t => $"{t.Key}: {t.Value} → {after.GetValueOrDefault(t.Key)}").ToList();
        Assert.True(changed.Count == 0, "rows were written: " + string.Join("; ", changed));
    }

    [Fact]
    public async Task A_well_formed_body_still_binds_with_a_byte_order_mark_an_emoji_and_a_case_insensitive_member()
    {
        using var client = console.AdminClient();
        var json = """{"Schema":{"type":"object","properties":{"s":{"type":"string"}}},"instance":{"s":"\ud83d\ude00 ok"},"options":{"assertFormats":false}}""";
        using var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(json)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(new Uri("/api/ir-schemas/validate", UriKind.Relative), content);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"valid\":true", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private List<string> ApiRoutes() =>
        [.. console.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Select(e => $"{(e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is { HttpMethods.Count: > 0 } m ? string.Join(',', m.HttpMethods) : "*")} {e.RoutePattern.RawText}")
            .Distinct()];

    /// <summary>
    /// Row count and newest transaction id of every table the app writes. api_keys counts rows only: each request
    /// stamps its key's last use. Quartz's tables and the dashboard rollups belong to background work, which this
    /// console does not run.
    /// </summary>
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(console.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'qrtz%' AND tablename NOT LIKE 'rollup%' AND tablename <> '__EFMigrationsHistory' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var xmin = table == "api_keys" ? "0" : "coalesce(max(xmin::text::bigint), 0)";
            await using var command = new NpgsqlCommand($"SELECT count(*) || '/' || {xmin} FROM \"{table}\"", connection);
            snapshot[table] = (string)(await command.ExecuteScalarAsync())!;
        }
        return snapshot;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
