using AiFlow.Infrastructure.Media;
using AiFlow.Infrastructure.Media.Upload;
using AiFlow.Web.Api;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace AiFlow.Web.Features.Media;

/// <summary>
/// Reads <c>POST /api/media</c> section by section straight from the request body (never buffering the form): each
/// file in the field <c>files</c> is staged by <see cref="MediaUploadService.PrepareAsync"/> with what is left of
/// Media:MaxUploadBytes, so an oversized upload is cut off at the limit and the rest is never read.
/// </summary>
internal static class MediaUploadForm
{
    public const string FilesField = "files";
    private const int ReadBufferBytes = 64 * 1024;

    public static async Task<(List<PreparedMedia> Files, IResult? Error)> ReadAsync(HttpRequest request, MediaUploadService uploads, MediaOptions policy,
        CancellationToken cancellationToken)
    {
        var files = new List<PreparedMedia>();
        var boundary = request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var media) && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return (files, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be multipart/form-data.",
                detail: $"Send the media as files in the form field '{FilesField}'."));
        }
        // The route's own body limit: the upload limit plus room for the multipart framing of each file.
        var framing = 64L * 1024 * Math.Max(1, policy.MaxFilesPerRequest);
        if (request.ContentLength > policy.MaxUploadBytes + framing) return (files, TooLarge(policy.MaxUploadBytes, null));
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = policy.MaxUploadBytes + framing;

        // A section's body reads at most what the reader has buffered: with the default 4 KB, staging a 1 MB file took 260
        // reads and as many unaligned writes, each making the file system zero the rest of a page.
        var reader = new MultipartReader(boundary, request.Body, ReadBufferBytes) { HeadersLengthLimit = 16 * 1024 };
        var budget = policy.MaxUploadBytes;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                {
                    var field = disposition?.Name.Value ?? "";
                    return (files, ApiProblems.Parameter(field, $"'{field}' is not a field this route takes; send the media as files in '{FilesField}'."));
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name != FilesField) return (files, ApiProblems.Parameter(name ?? "", $"'{name}' is not a field this route takes files in; send them in '{FilesField}'."));
                if (files.Count == policy.MaxFilesPerRequest)
                {
                    return (files, ApiProblems.Parameter(FilesField, $"One request takes at most {policy.MaxFilesPerRequest} files (Media:MaxFilesPerRequest)."));
                }
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                var prepared = await uploads.PrepareAsync(section.Body, fileName, section.ContentType, budget, cancellationToken);
                files.Add(prepared);
                if (prepared.Problem is { Kind: MediaRefusal.TooLarge } tooLarge) return (files, TooLarge(policy.MaxUploadBytes, tooLarge.FileName));
                if (prepared.Problem is { } problem) return (files, Refused(problem, files.Count - 1));
                budget -= prepared.File!.Bytes;
            }
        }
        catch (InvalidDataException ex)
        {
            return (files, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The multipart body is malformed.", detail: ex.Message));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (files, TooLarge(policy.MaxUploadBytes, null));
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            return (files, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The upload ended before its end.", detail: ex.Message));
        }
        if (files.Count == 0) return (files, ApiProblems.Parameter(FilesField, $"{FilesField} is empty: send at least one file in the form field '{FilesField}'."));
        return (files, null);
    }

    /// <summary>415 for a type that is not accepted or not what it claims, 400 for damaged media; the file is named in title and pointer.</summary>
    public static IResult Refused(MediaUploadProblem problem, int index) =>
        Results.Problem(
            statusCode: problem.Kind switch
            {
                MediaRefusal.TooLarge => StatusCodes.Status413PayloadTooLarge,
                MediaRefusal.UnsupportedType or MediaRefusal.TypeMismatch => StatusCodes.Status415UnsupportedMediaType,
                _ => StatusCodes.Status400BadRequest,
            },
            title: problem.Message,
            detail: "Nothing from this request was stored.",
            extensions: new Dictionary<string, object?> { ["pointer"] = $"/{FilesField}/{index}", ["fileName"] = problem.FileName, ["reason"] = problem.Kind.ToString() });

    private static IResult TooLarge(long maxBytes, string? fileName) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
            title: fileName is null ? "The upload is too large." : $"'{fileName}' does not fit in the upload limit.",
            detail: $"The limit is {maxBytes:N0} bytes per request (Media:MaxUploadBytes); nothing was stored.",
            extensions: new Dictionary<string, object?> { ["pointer"] = "/" + FilesField, ["fileName"] = fileName });
}
