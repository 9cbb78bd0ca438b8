using System.Text;
using AiFlow.Web.Api;

namespace AiFlow.Tests.Web.Api;

public class JsonBodyCheckTests
{
    private static JsonBodyCheck.Fault? Check(string json) => JsonBodyCheck.Find(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"a":{"b":[1,{"c":"\u0000"}]}}""", "/a/b/1/c")]
    [InlineData("""{"a":[0,"\ud800"]}""", "/a/1")]
    [InlineData("""{"a":"x\udc00"}""", "/a")]
    [InlineData("""{"a":{"x":1,"x":2}}""", "/a/x")]
    [InlineData("""{"a/b":[1e400]}""", "/a~1b/0")]
    [InlineData("""[1,2,-1e400]""", "/2")]
    public void A_fault_is_named_by_the_pointer_of_the_value_that_holds_it(string json, string pointer)
    {
        Assert.Equal(pointer, Check(json)?.Pointer);
    }

    [Fact]
    public void A_number_of_200000_digits_is_refused_and_one_of_100_is_accepted()
    {
        Assert.NotNull(Check("{\"n\":" + new string('9', 200_000) + "}"));
        Assert.Null(Check("{\"n\":" + new string('9', 100) + "}"));
    }

    [Fact]
    public void Escaped_surrogate_pairs_and_ordinary_escapes_are_accepted()
    {
        Assert.Null(Check("""{"emoji":"\ud83d\ude00","tab":"a\tb","quote":"\"","nested":[{"x":null,"y":true}]}"""));
    }

    [Fact]
    public void Invalid_utf8_an_empty_body_and_nesting_past_64_are_refused()
    {
        Assert.NotNull(JsonBodyCheck.Find([.. "{\"a\":\""u8.ToArray(), 0xFF, .. "\"}"u8.ToArray()]));
        Assert.NotNull(JsonBodyCheck.Find([]));
        Assert.NotNull(Check(new string('[', 65) + new string(']', 65)));
        Assert.Null(Check(new string('[', 64) + new string(']', 64)));
    }
}
