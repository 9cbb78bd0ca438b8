using System.Net;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Inference.Security;
using AiFlow.Infrastructure.Inference.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFlow.Tests.Infrastructure.Inference.Security;

public sealed class SsrfGuardTests
{
    private static SsrfGuard Guard(params string[] allowed)
    {
        var monitor = new StaticMonitor(new GatewayOptions { AllowedHosts = [.. allowed] });
        return new SsrfGuard(monitor);
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.8.9.10", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("100.64.0.1", "shared")]
    [InlineData("::1", "loopback")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd12:3456::1", "unique local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped")]
    [InlineData("::ffff:169.254.169.254", "IPv4-mapped")]
    [InlineData("::ffff:10.0.0.1", "IPv4-mapped")]
    [InlineData("ff02::1", "multicast")]
    public void AddressPolicy_refuses_internal_addresses_and_says_why(string ip, string why)
    {
        var reason = AddressPolicy.WhyRefused(IPAddress.Parse(ip));
        Assert.NotNull(reason);
        Assert.Contains(why, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void AddressPolicy_lets_public_addresses_through(string ip) => Assert.Null(AddressPolicy.WhyRefused(IPAddress.Parse(ip)));

    [Theory]
    [InlineData("ftp://example.com/v1")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.com")]
    [InlineData("not a url")]
    [InlineData("http://localhost:8080/v1")]
    [InlineData("http://127.0.0.1:5080/sim/v1")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.0.0.5/v1")]
    [InlineData("http://[::1]:8000/v1")]
    [InlineData("http://[fc00::1]/v1")]
    [InlineData("http://[fe80::1]/v1")]
    [InlineData("http://[::ffff:127.0.0.1]/v1")]
    [InlineData("https://user:pass@api.example.com/v1")]
    public void A_url_with_a_bad_scheme_or_an_internal_literal_host_is_refused(string url) => Assert.NotNull(Guard().CheckUrl(url));

    [Theory]
    [InlineData("http://[::]:5123")]
    [InlineData("http://0.0.0.0:5123")]
    [InlineData("http://localhost:5123")]
    [InlineData("http://127.0.0.1:5123")]
    public void The_consoles_own_simulator_port_passes_once_known_and_no_other_loopback_port_does(string listening)
    {
        var own = new ConsoleSimulatorAddress();
        var guard = new SsrfGuard(new StaticMonitor(new GatewayOptions()), own);
        Assert.NotNull(guard.CheckUrl("http://127.0.0.1:5123/sim/v1"));

        own.SetFromListeningAddresses(["https://127.0.0.1:7443", listening]);

        Assert.Equal("http://127.0.0.1:5123/sim/v1", own.BaseUrl?.ToString());
        Assert.Null(guard.CheckUrl("http://127.0.0.1:5123/sim/v1"));
        Assert.NotNull(guard.CheckUrl("http://127.0.0.1:5124/sim/v1"));
        Assert.NotNull(guard.CheckUrl("http://10.0.0.5:5123/sim/v1"));
    }

    [Fact]
    public void An_allow_listed_host_and_port_passes_but_only_on_that_port()
    {
        var guard = Guard("127.0.0.1:5080");
        Assert.Null(guard.CheckUrl("http://127.0.0.1:5080/sim/v1"));
        Assert.NotNull(guard.CheckUrl("http://127.0.0.1:5081/sim/v1"));
        Assert.Null(guard.CheckUrl("https://api.openai.com/v1"));
    }

    [Fact]
    public async Task A_hostname_that_resolves_to_loopback_is_refused_at_connect_time()
    {
        var ex = await Assert.ThrowsAsync<SsrfRefusedException>(() => Guard().ResolveAsync("localhost", 80, CancellationToken.None));
        Assert.Contains("loopback", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_an_internal_address_is_refused_before_connecting()
    {
        await using var app = await RedirectingServerAsync("http://169.254.169.254/latest/meta-data/");
        var port = new Uri(Address(app)).Port;
        var guard = Guard("127.0.0.1:" + port);
        using var handler = new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, AllowAutoRedirect = true };
        using var client = new HttpClient(handler);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(Address(app) + "/v1/models")));

        Assert.IsType<SsrfRefusedException>(ex.InnerException);
    }

    private static async Task<WebApplication> RedirectingServerAsync(string target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/v1/models", () => Results.Redirect(target));
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private sealed class StaticMonitor(GatewayOptions value) : IOptionsMonitor<GatewayOptions>
    {
        public GatewayOptions CurrentValue => value;

        public GatewayOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<GatewayOptions, string?> listener) => null;
    }
}
