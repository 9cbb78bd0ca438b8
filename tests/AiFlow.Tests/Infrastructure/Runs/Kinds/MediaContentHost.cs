using System.Collections.Concurrent;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Identity;
using AiFlow.Infrastructure.Media;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Web.Features.Media;
using AiFlow.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiFlow.Tests.Infrastructure.Runs.Kinds;

/// <summary>
/// The console's media content route (<see cref="MediaContentEndpoints"/>) on a real Kestrel port, over the test's
/// database and media folder and the key ring the engine signs with, recording every request it answers. A clock ahead
/// of the engine's makes every token it meets expired; a key ring of its own makes every token it meets forged.
/// </summary>
internal sealed class MediaContentHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private MediaContentHost(WebApplication app, Uri root)
    {
        this.app = app;
        BaseUrl = root.ToString().TrimEnd('/');
    }

    public string BaseUrl { get; }

    /// <summary>Each request's path and the status it was answered with.</summary>
    public ConcurrentQueue<(string Path, int Status)> Hits { get; } = new();

    public static async Task<MediaContentHost> StartAsync(string connectionString, string mediaRoot, TimeSpan clockAhead = default, bool ownKeyRing = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Configuration["Media:Storage:RootPath"] = mediaRoot;
        builder.Services.AddAiFlowDatabase(connectionString);
        builder.Services.AddSharedKeyRing();
        if (ownKeyRing) builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        builder.Services.AddSingleton<TimeProvider>(new AheadClock(clockAhead));
        builder.AddMedia();
        builder.Services.AddAuthentication("cookie").AddCookie("cookie");
        builder.Services.AddAuthorization(o => o.AddPolicy(Policies.AnyRole, p => p.RequireRole(Roles.All)));
        var app = builder.Build();
        MediaContentHost? host = null;
        app.Use(async (context, next) =>
        {
            await next();
            host!.Hits.Enqueue((context.Request.Path.Value ?? "", context.Response.StatusCode));
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapMediaContent();
        // The first key of the shared ring is made here, before the engine signs anything with it.
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("AiFlow.Tests.KeyRing").Protect([1]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host = new MediaContentHost(app, new Uri(address));
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private sealed class AheadClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
    }
}
