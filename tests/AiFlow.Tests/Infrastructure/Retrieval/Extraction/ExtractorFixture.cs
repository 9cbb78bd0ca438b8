using System.Text;
using AiFlow.Domain.Retrieval.Extraction;
using AiFlow.Infrastructure.Retrieval.Extraction;
using Microsoft.Extensions.Options;

namespace AiFlow.Tests.Infrastructure.Retrieval.Extraction;

internal static class ExtractorFixture
{
    public static DocumentExtractor Create(ExtractionLimits? limits = null) => new(Options.Create(limits ?? new ExtractionLimits()));

    public static ExtractedDocument Extract(string text, string fileName, ExtractionLimits? limits = null) =>
        Extract(Encoding.UTF8.GetBytes(text), fileName, limits);

    public static ExtractedDocument Extract(byte[] bytes, string fileName, ExtractionLimits? limits = null) =>
        Create(limits).Extract(bytes, fileName, CancellationToken.None);

    /// <summary>The reason a file is refused for; fails the test when it is not refused.</summary>
    public static string Refusal(byte[] bytes, string fileName, ExtractionLimits? limits = null) =>
        Assert.Throws<DocumentExtractionException>(() => Extract(bytes, fileName, limits)).Message;

    public static string Refusal(string text, string fileName, ExtractionLimits? limits = null) =>
        Refusal(Encoding.UTF8.GetBytes(text), fileName, limits);
}
