using AiFlow.Infrastructure.Retrieval.Ingestion;
using AiFlow.Web.Api;
using Microsoft.AspNetCore.Http.Features;

namespace AiFlow.Web.Features.Collections;

/// <summary>
/// Reads <c>POST /api/collections/{key}/documents</c>: multipart/form-data with the files in the field <c>files</c> and
/// the optional manifest fields <c>licence</c>, <c>allowedUses</c>, <c>tags</c> (repeated, or comma-separated) and
/// <c>source</c>. A request over <c>AiFlow:Retrieval:MaxUploadBytes</c> is a 413, any other fault a 4xx naming the field.
/// </summary>
internal static class UploadForm
{
    public const string FilesField = "files";
    private static readonly string[] Fields = ["licence", "allowedUses", "tags", "source"];

    public static async Task<(List<IncomingFile>? Files, DocumentManifest? Manifest, IResult? Error)> ReadAsync(HttpRequest request, long maxBytes,
        CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be multipart/form-data.",
                detail: $"Send the documents as files in the form field '{FilesField}'."));
        }
        if (request.ContentLength > maxBytes) return (null, null, TooLarge(maxBytes));
        // Kestrel stops a longer body (sent without a length) at the limit: the exception handler answers 413.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = maxBytes;

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxBytes, ValueLengthLimit = 64 * 1024, ValueCountLimit = 1024 }, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            return (null, null, ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? TooLarge(maxBytes)
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The multipart body is malformed.", detail: ex.Message));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, null, TooLarge(maxBytes));
        }

        if (form.Files.FirstOrDefault(f => f.Name != FilesField) is { } stray)
        {
            return (null, null, ApiProblems.Parameter(stray.Name, $"'{stray.Name}' is not a field this route takes files in; send them in '{FilesField}'."));
        }
        if (form.Keys.FirstOrDefault(k => !Fields.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            return (null, null, ApiProblems.Parameter(unknown, $"'{unknown}' is not a field this route takes. It takes {FilesField}, {string.Join(", ", Fields)}."));
        }
        var files = new List<IncomingFile>();
        foreach (var file in form.Files.GetFiles(FilesField))
        {
            using var buffer = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
            await file.CopyToAsync(buffer, cancellationToken);
            files.Add(new IncomingFile(file.FileName, buffer.ToArray()));
        }
        if (files.Count == 0) return (null, null, ApiProblems.Parameter(FilesField, $"{FilesField} is empty: send at least one file in the form field '{FilesField}'."));
        var manifest = new DocumentManifest(Single(form, "licence"), Words(form, "allowedUses"), Words(form, "tags"), Single(form, "source"));
        return (files, manifest, null);
    }

    private static string? Single(IFormCollection form, string field) => form.TryGetValue(field, out var values) ? string.Join(", ", values.OfType<string>()) : null;

    private static List<string>? Words(IFormCollection form, string field) =>
        form.TryGetValue(field, out var values)
            ? [.. values.OfType<string>().SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : null;

    private static IResult TooLarge(long maxBytes) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The upload is too large.",
            detail: $"The limit is {maxBytes:N0} bytes per request (AiFlow:Retrieval:MaxUploadBytes); send the files in several requests.");
}
