using System.Data;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace AiFlow.Infrastructure.Persistence;

/// <summary>
/// <c>jsonb::text</c> in LINQ: a string property mapped to jsonb cannot be ILIKE'd directly, its text form can
/// (and a trigram index on that expression serves the search).
/// </summary>
public static class JsonText
{
    private static readonly StringTypeMapping Text = new("text", DbType.String);

    /// <summary>Only for use inside EF Core queries.</summary>
    public static string Of(string json) => throw new InvalidOperationException("JsonText.Of is translated to SQL; call it only inside a query.");

    internal static void Register(ModelBuilder builder) =>
        builder.HasDbFunction(typeof(JsonText).GetMethod(nameof(Of))!)
            .HasTranslation(args => new SqlUnaryExpression(ExpressionType.Convert, args[0], typeof(string), Text));
}
