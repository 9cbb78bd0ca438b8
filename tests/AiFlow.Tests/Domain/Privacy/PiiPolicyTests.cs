using System.Text.Json.Nodes;
using AiFlow.Domain.Privacy;

namespace AiFlow.Tests.Domain.Privacy;

public sealed class PiiPolicyTests
{
    [Theory]
    [InlineData("mail me at a.b-c+tag@mail.example.co.uk please", "mail me at [EMAIL] please")]
    [InlineData("call +44 20 7946 0958 now", "call [PHONE] now")]
    [InlineData("call (030) 123-4567 now", "call [PHONE] now")]
    [InlineData("IBAN GB82WEST12345698765432 ok", "IBAN [IBAN] ok")]
    [InlineData("card 5500-0000-0000-0004 ok", "card [CARD] ok")]
    [InlineData("card 4111111111111111 ok", "card [CARD] ok")]
    public void Text_has_each_kind_of_personal_data_replaced_by_its_marker(string input, string expected) =>
        Assert.Equal(expected, PiiPolicy.Default.RedactText(input).Text);

    [Theory]
    [InlineData("due 2025-03-31, total 1299.50 EUR, 3 lines")]
    [InlineData("order 4111111111111112 is not a card (Luhn fails)")]
    [InlineData("version 1.2.3 and year 2024")]
    public void Dates_amounts_and_numbers_that_fail_luhn_are_left_alone(string input)
    {
        var redaction = PiiPolicy.Default.RedactText(input);

        Assert.Equal(input, redaction.Text);
        Assert.False(redaction.Changed);
    }

    [Theory]
    [InlineData("media 01a24e3d-c402-7325-8954-f650d6ac3ae1 was sent")]
    [InlineData("12345678-1234-7234-8234-123456789012")]
    [InlineData("{\"mediaId\":\"01a24e3d-c402-7325-8954-f650d6ac3ae1\"}")]
    [InlineData("order AB-1234-5678 and ticket 4111-1111-1111-1111-x9")]
    public void Identifiers_whose_groups_are_all_digits_are_not_taken_for_phones_or_cards(string input)
    {
        Assert.Equal(input, PiiPolicy.Default.RedactText(input).Text);
        Assert.Equal(input, PiiPolicy.Default.RedactJson(input).Text);
    }

    [Fact]
    public void A_phone_grouped_with_hyphens_is_still_redacted_next_to_an_id()
    {
        var redaction = PiiPolicy.Default.RedactText("run 01a24e3d-c402-7325-8954-f650d6ac3ae1: call 030-1234-5678");

        Assert.Equal("run 01a24e3d-c402-7325-8954-f650d6ac3ae1: call [PHONE]", redaction.Text);
    }

    [Fact]
    public void Luhn_accepts_valid_card_numbers_and_rejects_others()
    {
        Assert.True(PiiPolicy.Luhn("4111111111111111"));
        Assert.True(PiiPolicy.Luhn("378282246310005"));
        Assert.False(PiiPolicy.Luhn("4111111111111112"));
        Assert.False(PiiPolicy.Luhn("123"));
    }

    [Fact]
    public void Json_is_redacted_string_by_string_and_each_finding_names_its_pointer()
    {
        const string json = """{"customer":{"email":"jane@example.com","a/b":["call 030 1234567", "fine"]},"card":4111111111111111,"jane@example.com":1}""";

        var redaction = PiiPolicy.Default.RedactJson(json);

        var redacted = JsonNode.Parse(redaction.Text)!;
        Assert.Equal("[EMAIL]", (string?)redacted["customer"]!["email"]);
        Assert.Equal("call [PHONE]", (string?)redacted["customer"]!["a/b"]![0]);
        Assert.Equal("fine", (string?)redacted["customer"]!["a/b"]![1]);
        // A number is not cut into text, and property names are the document's shape, not its data.
        Assert.Equal(4111111111111111L, (long)redacted["card"]!);
        Assert.NotNull(redacted["jane@example.com"]);
        Assert.Equal(
            [new PiiFinding(PiiPolicy.Email, "/customer/email", 1), new PiiFinding(PiiPolicy.Phone, "/customer/a~1b/0", 1)],
            redaction.Findings);
    }

    [Fact]
    public void Text_that_is_not_json_is_redacted_as_plain_text()
    {
        var redaction = PiiPolicy.Default.RedactJson("Sure! {\"to\": \"jane@example.com\"");

        Assert.Equal("Sure! {\"to\": \"[EMAIL]\"", redaction.Text);
        Assert.Equal([new PiiFinding(PiiPolicy.Email, null, 1)], redaction.Findings);
    }

    [Fact]
    public void A_policy_finds_only_its_categories_and_custom_patterns_add_their_own_marker()
    {
        var policy = new PiiPolicy([PiiPolicy.BuiltIn("email"), PiiPattern.Custom("customer_id", @"CUST-\d{6}")]);

        var redaction = policy.RedactText("CUST-123456 wrote from jane@example.com, phone +44 20 7946 0958");

        Assert.Equal("[CUSTOMER_ID] wrote from [EMAIL], phone +44 20 7946 0958", redaction.Text);
        Assert.Equal([PiiPolicy.Email, "customer_id"], redaction.Findings.Select(f => f.Category));
    }

    [Fact]
    public void An_unknown_built_in_category_is_refused_by_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => PiiPolicy.BuiltIn("passport"));

        Assert.Contains("'passport' is not a built-in PII category", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_pattern_the_linear_engine_cannot_run_is_refused()
    {
        Assert.Throws<NotSupportedException>(() => PiiPattern.Custom("repeat", @"(\w+) \1"));
    }
}
