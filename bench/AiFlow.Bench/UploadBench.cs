using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Web.Features.Media;
using AiFlow.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFlow.Bench;

/// <summary>
/// <c>./aiflow.sh bench upload</c>: the same PNG files (200 × 1 MB and 4 × 50 MB, made here) uploaded through the real
/// <c>POST /api/media</c> route over HTTP to local storage, against a plain <c>cp</c> of the files in the same run.
/// Goal: uploads reach at least half of cp's MB/s.
/// </summary>
internal static class UploadBench
{
    private const double Goal = 0.5;
    private const int Concurrency = 4;
    private const int WarmUpRounds = 5;

    public static async Task<int> RunAsync()
    {
        var work = Path.Combine(Path.GetTempPath(), "aiflow-bench-upload-" + Guid.NewGuid().ToString("N")[..8]);
        var source = Path.Combine(work, "source");
        Directory.CreateDirectory(source);
        var server = Environment.GetEnvironmentVariable("AIFLOW_BENCH_DB") ?? "Host=127.0.0.1;Port=55432;Database=postgres;Username=postgres";
        var name = "aiflow_bench_upload_" + Guid.NewGuid().ToString("N")[..8];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        try
        {
            var files = MakeFiles(source);
            var megabytes = files.Sum(f => new FileInfo(f).Length) / 1024.0 / 1024;
            Console.WriteLine($"upload bench: {files.Count} PNG files, {megabytes:0} MB (200 × 1 MB and 4 × 50 MB), {Concurrency} uploads at a time, vs one cp");
            Console.WriteLine($"  machine at the start: {BenchMachine.Describe()}");

            var cpBefore = await CopyAsync(source, Path.Combine(work, "copy-before"));

            await BenchDatabase.ExecuteAsync(admin, $"CREATE DATABASE {name}");
            await using var app = await StartAsync(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, Path.Combine(work, "store"));
            try
            {
                await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AiFlowDbContext>>().CreateDbContextAsync()) await db.Database.MigrateAsync();
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(10) };
                // Warm-up: JIT and the first connection belong to start-up, not to the figure. A console that has taken a few
                // hundred uploads runs the upload path fully optimised. Tiered JIT promotes a method only after it was called
                // 30 times while no new code was being compiled, then again through an instrumented tier, in the background: one
                // long warm-up left the whole request path to be promoted during the measured uploads (a sixth of their CPU).
                // So the bench warms up in rounds of distinct files with a pause after each, and prints each round's CPU per MB.
                var warm = Path.Combine(work, "warm");
                Directory.CreateDirectory(warm);
                for (var round = 0; round < WarmUpRounds; round++)
                {
                    var roundFiles = Enumerable.Range(0, 60).Select(i => MakePng(Path.Combine(warm, $"warm-{round}-{i}.png"), 1024 * 1024, 5000 + round * 100 + i)).ToList();
                    if (round == 0) roundFiles.Add(MakePng(Path.Combine(warm, "warm-large.png"), 50 * 1024 * 1024, 6000));
                    var roundMegabytes = roundFiles.Sum(f => new FileInfo(f).Length) / 1024.0 / 1024;
                    var roundCpu = Process.GetCurrentProcess().TotalProcessorTime;
                    await Parallel.ForEachAsync(roundFiles, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (file, _) => await UploadAsync(client, file));
                    Console.WriteLine($"  warm-up round {round + 1}: {(Process.GetCurrentProcess().TotalProcessorTime - roundCpu).TotalMilliseconds / roundMegabytes:0.00} ms CPU per MB");
                    await Task.Delay(TimeSpan.FromSeconds(1.5));
                }

                // Each measured phase starts with nothing left to write back, so none pays for the dirty pages of another.
                await TouchMemoryAsync(Path.Combine(work, "scratch"), files);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (file, _) => await UploadAsync(client, file));
                watch.Stop();
                // Client and server share this process: the CPU of both ends per MB, a figure that travels between machines.
                var cpuPerMb = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / megabytes;
                var cpAfter = await CopyAsync(source, Path.Combine(work, "copy-after"));

                // cp's rate on this machine swings with the page cache's write-back (383 to 3,006 MB/s in two runs), so it is
                // measured before and after the uploads and the faster of the two is the yardstick: the harder goal.
                var cpElapsed = cpBefore < cpAfter ? cpBefore : cpAfter;
                var cpRate = megabytes / cpElapsed.TotalSeconds;
                var uploadRate = megabytes / watch.Elapsed.TotalSeconds;
                var ratio = uploadRate / cpRate;
                Console.WriteLine($"  cp:     {cpElapsed.TotalSeconds,7:0.00} s  {cpRate,8:0.0} MB/s  (the faster of before the uploads, {megabytes / cpBefore.TotalSeconds:0} MB/s, and after, {megabytes / cpAfter.TotalSeconds:0} MB/s)");
                Console.WriteLine($"  upload: {watch.Elapsed.TotalSeconds,7:0.00} s  {uploadRate,8:0.0} MB/s  (sniff, SHA-256, PNG structure check, store, one row per file), CPU {cpuPerMb:0.00} ms per MB (client and server)");
                Console.WriteLine($"  upload / cp = {ratio:P0} (goal >= {Goal:P0}): {(ratio >= Goal ? "met" : "NOT met")}");
                // What the goal leaves for the work every upload must do: at half of cp's rate, the machine's cores give each
                // MB this much CPU, for client and server together; SHA-256 alone (one core, the runtime's own, over the same
                // files) takes the share printed.
                var shaMsPerMb = ShaMillisecondsPerMegabyte(files);
                var budgetMsPerMb = BenchMachine.Cpus * 1000.0 / (Goal * cpRate);
                Console.WriteLine($"  at the goal's {Goal * cpRate:0} MB/s, {BenchMachine.CpusText} give {budgetMsPerMb:0.00} ms CPU per MB; SHA-256 alone costs {shaMsPerMb:0.00} ms per MB ({1000 / shaMsPerMb:0} MB/s on one core), {shaMsPerMb / budgetMsPerMb:P0} of that; the whole upload path costs {cpuPerMb / budgetMsPerMb:P0} of it");
                Console.WriteLine($"  machine at the end: {BenchMachine.Describe()}");
                BenchReport.Add("upload", $"upload to local storage, {files.Count} PNGs ({megabytes:N0} MB)", $"{uploadRate:N0} MB/s", $"≥ {Goal:P0} of cp",
                    $"cp: {cpRate:N0} MB/s", $"{BenchReport.Number(ratio * 100, "0")} %");
                return ratio >= Goal ? 0 : 1;
            }
            finally
            {
                // The host's hosted services (Quartz among them) keep the process alive until they are stopped.
                await app.StopAsync();
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await BenchDatabase.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Writes twice the files' size of zeros into the page cache, deletes it and syncs. In a VM the first write to a page of
    /// guest memory costs a fault on the host: the same cp ran at 420-750 MB/s into never-used memory and at 3.6 GB/s into
    /// memory used before. A console that has run for a while writes into used memory, and each measured phase starts
    /// there, with nothing left to write back, so the figures compare the two copies, not which one met fresh memory.
    /// </summary>
    private static async Task TouchMemoryAsync(string path, IEnumerable<string> files)
    {
        var bytes = 2 * files.Sum(f => new FileInfo(f).Length);
        var block = new byte[1024 * 1024];
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
        {
            for (long written = 0; written < bytes; written += block.Length) await file.WriteAsync(block);
        }
        File.Delete(path);
        await ShellAsync("sync");
    }

    /// <summary>A plain <c>cp -r</c> of the files after a <c>sync</c>, into memory used before; its wall time.</summary>
    /// <summary>CPU milliseconds per MB of SHA-256 over the files' bytes on this thread, best of three passes (files read first).</summary>
    private static double ShaMillisecondsPerMegabyte(IReadOnlyList<string> files)
    {
        var contents = files.Select(File.ReadAllBytes).ToList();
        var megabytes = contents.Sum(c => c.Length) / 1024.0 / 1024;
        var best = double.MaxValue;
        for (var pass = 0; pass < 3; pass++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var content in contents) System.Security.Cryptography.SHA256.HashData(content);
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds / megabytes);
        }
        return best;
    }

    private static async Task<TimeSpan> CopyAsync(string source, string target)
    {
        await TouchMemoryAsync(Path.Combine(Path.GetDirectoryName(target)!, "scratch"), Directory.GetFiles(source));
        var watch = Stopwatch.StartNew();
        await ShellAsync("cp", "-r", source, target);
        return watch.Elapsed;
    }

    private static async Task ShellAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed with exit code {process.ExitCode}");
    }

    private static async Task UploadAsync(HttpClient client, string path)
    {
        using var form = new MultipartFormDataContent();
        await using var file = File.OpenRead(path);
        var content = new StreamContent(file, 1024 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(content, "files", Path.GetFileName(path));
        using var response = await client.PostAsync(new Uri("/api/media", UriKind.Relative), form);
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static List<string> MakeFiles(string folder)
    {
        var files = new List<string>();
        for (var i = 0; i < 200; i++) files.Add(MakePng(Path.Combine(folder, $"small-{i:D3}.png"), 1024 * 1024, i));
        for (var i = 0; i < 4; i++) files.Add(MakePng(Path.Combine(folder, $"large-{i}.png"), 50 * 1024 * 1024, 1000 + i));
        return files;
    }

    /// <summary>A valid PNG of random grey pixels about <paramref name="bytes"/> long (stored, not compressed, so its size is what was asked).</summary>
    private static string MakePng(string path, int bytes, int seed)
    {
        var width = 1024;
        var height = Math.Max(1, bytes / (width + 1));
        var random = new Random(seed);
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.NoCompression, leaveOpen: true))
        {
            var row = new byte[width + 1];
            for (var y = 0; y < height; y++)
            {
                random.NextBytes(row);
                row[0] = 0;
                zlib.Write(row);
            }
        }
        using var file = File.Create(path);
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // 8-bit greyscale
        Chunk(file, "IHDR", header);
        Chunk(file, "IDAT", raw.ToArray());
        Chunk(file, "IEND", []);
        return path;
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        file.Write(typeBytes);
        file.Write(data);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc([.. typeBytes, .. data]));
        file.Write(crc);
    }

    private static uint Crc(byte[] bytes) => System.IO.Hashing.Crc32.HashToUInt32(bytes);

    private static async Task<WebApplication> StartAsync(string connectionString, string store)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration["ConnectionStrings:AiFlow"] = connectionString;
        builder.Configuration["Media:Storage:RootPath"] = store;
        builder.Configuration["Media:MaxUploadBytes"] = (60L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddInfrastructure();
        builder.Services.AddDataProtection();
        // The bench's caller is an Admin without a sign-in: the route's own authorization still runs.
        builder.Services.AddAuthentication("bench").AddScheme<AuthenticationSchemeOptions, BenchAdmin>("bench", null);
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var (policy, roles) in Policies.RolesOf) authorization.AddPolicy(policy, p => p.RequireRole(roles));
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGroup("/api").RequireAuthorization().MapMediaApi();
        await app.StartAsync();
        return app;
    }

    private sealed class BenchAdmin(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, Roles.Admin)], "bench")), "bench")));
    }
}
