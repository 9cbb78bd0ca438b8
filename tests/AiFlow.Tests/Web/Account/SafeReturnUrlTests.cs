using AiFlow.Web.Features.Account;

namespace AiFlow.Tests.Web.Account;

public class SafeReturnUrlTests
{
    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/runs\\..\\\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("evil.example")]
    [InlineData("")]
    [InlineData(null)]
    public void A_return_url_that_could_leave_the_site_becomes_the_home_page(string? returnUrl)
    {
        Assert.Equal("/", AccountEndpoints.SafeReturnUrl(returnUrl));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/runs?status=Failed")]
    [InlineData("/review/queue#item")]
    public void A_path_on_the_site_is_kept(string returnUrl)
    {
        Assert.Equal(returnUrl, AccountEndpoints.SafeReturnUrl(returnUrl));
    }
}
