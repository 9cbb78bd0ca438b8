using System.Net;

namespace AiFlow.Tests.Support;

/// <summary>A browser's cookies without the browser: signs in through the form as a person does and keeps the cookie.</summary>
public sealed class BrowserSession : IDisposable
{
    private readonly HttpClientHandler handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };

    public BrowserSession(Uri baseAddress) => Client = new HttpClient(handler) { BaseAddress = baseAddress };

    public HttpClient Client { get; }

    public CookieContainer Cookies => handler.CookieContainer;

    /// <summary>Posts the sign-in form with the token of a freshly loaded sign-in page; returns the answer (a redirect).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string returnUrl = "/")
    {
        var token = await FormTokenAsync("/signin");
        return await Client.PostAsync(new Uri("/account/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    /// <summary>The antiforgery token a page's form carries (the sign-in form, or the layout's Sign out form).</summary>
    public async Task<string> FormTokenAsync(string path) => HiddenValue(await Client.GetStringAsync(new Uri(path, UriKind.Relative)), "__RequestVerificationToken");

    public static string HiddenValue(string html, string name)
    {
        ArgumentNullException.ThrowIfNull(html);
        var input = html.IndexOf($"name=\"{name}\"", StringComparison.Ordinal);
        Assert.True(input >= 0, $"no hidden input {name} in the page");
        var start = html.IndexOf("value=\"", input, StringComparison.Ordinal) + "value=\"".Length;
        return WebUtility.HtmlDecode(html[start..html.IndexOf('"', start)]);
    }

    public void Dispose()
    {
        Client.Dispose();
        handler.Dispose();
    }
}
