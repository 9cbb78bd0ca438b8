using AiFlow.Domain.Retrieval.Extraction;

namespace AiFlow.Tests.Domain.Retrieval.Extraction;

public sealed class LanguageGuessTests
{
    [Theory]
    [InlineData("en", "The filter is in the upper corner of the fridge and it should be replaced every six months, which is easy to do with the tool.")]
    [InlineData("de", "Der Filter ist in der oberen Ecke und sollte alle sechs Monate gewechselt werden, das ist mit dem Werkzeug auch nicht schwer.")]
    [InlineData("fr", "Le filtre est dans le coin du réfrigérateur et il est facile de le changer avec les outils qui sont dans la boîte pour les clients.")]
    [InlineData("es", "El filtro está en la esquina del frigorífico y se cambia cada seis meses con las herramientas que vienen en la caja para los clientes.")]
    public void LanguageGuess_tells_the_language_of_running_text_by_its_function_words(string expected, string text)
    {
        Assert.Equal(expected, LanguageGuess.Guess(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("PostgreSQL 15.4")]
    [InlineData("SELECT id, name FROM users WHERE id = 42")]
    public void LanguageGuess_says_nothing_when_there_is_too_little_to_go_on(string text)
    {
        Assert.Null(LanguageGuess.Guess(text));
    }
}
