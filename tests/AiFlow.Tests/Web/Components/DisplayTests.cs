using AiFlow.Web.Components.Shared;

namespace AiFlow.Tests.Web.Components;

public class DisplayTests
{
    [Fact]
    public void Pretty_json_shows_markup_and_accents_as_written_and_leaves_what_is_not_json_alone()
    {
        Assert.Equal("{\n  \"html\": \"<main>Plans & prices</main>\",\n  \"name\": \"Zoë\"\n}",
            Display.PrettyJson("""{"html":"\u003Cmain\u003EPlans & prices</main>","name":"Zoë"}""").ReplaceLineEndings("\n"));
        Assert.Equal("not json {", Display.PrettyJson("not json {"));
    }

    [Theory]
    [InlineData("0", "$0.0000")]
    [InlineData("1.5", "$1.5000")]
    [InlineData("0.000015", "$0.000015")]
    [InlineData("0.00000125", "$0.0000013")]
    [InlineData("1.234567", "$1.2346")]
    public void Money_keeps_four_decimals_and_shows_small_amounts_to_their_first_digits(string value, string expected) =>
        Assert.Equal(expected, Display.Money(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(20, "just now")]
    [InlineData(180, "3 min ago")]
    [InlineData(7260, "2 h ago")]
    [InlineData(86400, "1 day ago")]
    [InlineData(3 * 86400 + 5, "3 days ago")]
    public void Ago_says_how_long_ago_in_the_largest_whole_unit(int seconds, string expected)
    {
        var now = new DateTimeOffset(2026, 12, 6, 14, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, Display.Ago(now.AddSeconds(-seconds), now));
    }
}
