using AiFlow.Infrastructure.Media;

namespace AiFlow.Tests.Infrastructure.Media;

public class MediaOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("https://aiflow.example.com")]
    [InlineData("http://10.0.0.5:8080/aiflow/")]
    public void A_missing_or_absolute_http_public_base_url_is_accepted(string? url) =>
        Assert.Null(new MediaOptions { PublicBaseUrl = url }.Problem());

    [Theory]
    [InlineData("aiflow.example.com")]
    [InlineData("/media")]
    [InlineData("ftp://aiflow.example.com")]
    [InlineData("https://user:pass@aiflow.example.com")]
    [InlineData("https://aiflow.example.com/?x=1")]
    public void A_relative_non_http_or_credentialed_public_base_url_is_refused(string url) =>
        Assert.NotNull(new MediaOptions { PublicBaseUrl = url }.Problem());

    [Theory]
    [InlineData(0)]
    [InlineData(1441)]
    public void A_fetch_url_lifetime_outside_a_minute_to_a_day_is_refused(int minutes) =>
        Assert.NotNull(new MediaOptions { FetchUrlMinutes = minutes }.Problem());
}
