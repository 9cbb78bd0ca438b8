using AiFlow.Infrastructure.Inference.Accounting;

namespace AiFlow.Tests.Infrastructure.Inference.Accounting;

public sealed class PiiRedactorTests
{
    [Theory]
    [InlineData("mail me at a.b-c+tag@mail.example.co.uk please", "mail me at [EMAIL] please")]
    [InlineData("call +44 20 7946 0958 now", "call [PHONE] now")]
    [InlineData("call (030) 123-4567 now", "call [PHONE] now")]
    [InlineData("IBAN GB82WEST12345698765432 ok", "IBAN [IBAN] ok")]
    [InlineData("card 5500-0000-0000-0004 ok", "card [CARD] ok")]
    [InlineData("card 4111111111111111 ok", "card [CARD] ok")]
    public void Redactor_replaces_pii_with_a_marker(string input, string expected) => Assert.Equal(expected, PiiRedactor.RedactAlways(input));

    [Theory]
    [InlineData("due 2025-03-31, total 1299.50 EUR, 3 lines")]
    [InlineData("order 4111111111111112 is not a card (Luhn fails)")]
    [InlineData("version 1.2.3 and year 2024")]
    public void Redactor_leaves_dates_amounts_and_non_luhn_numbers_alone(string input) => Assert.Equal(input, PiiRedactor.RedactAlways(input));

    [Fact]
    public void Luhn_accepts_valid_card_numbers_and_rejects_others()
    {
        Assert.True(PiiRedactor.Luhn("4111111111111111"));
        Assert.True(PiiRedactor.Luhn("378282246310005"));
        Assert.False(PiiRedactor.Luhn("4111111111111112"));
        Assert.False(PiiRedactor.Luhn("123"));
    }
}
