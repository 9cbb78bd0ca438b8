using AiFlow.Infrastructure.Media.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFlow.Infrastructure.Media;

public static class MediaDependencyInjection
{
    public static IHostApplicationBuilder AddMedia(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<MediaOptions>().Bind(builder.Configuration.GetSection(MediaOptions.Section))
            .Validate(o => o.Problem() is null, "Media:PublicBaseUrl must be an absolute http(s) address and Media:FetchUrlMinutes between 1 and 1440.").ValidateOnStart();
        builder.Services.AddSingleton<FileSystemMediaStorage>();
        builder.Services.AddSingleton<S3MediaStorage>();
        builder.Services.AddSingleton<IMediaStorage, MediaStorageRouter>();
        builder.Services.AddSingleton<MediaUploadService>();
        builder.Services.AddSingleton<MediaReadAccess>();
        builder.Services.AddSingleton<MediaCatalog>();
        builder.Services.AddSingleton<MediaLibrary>();
        builder.Services.AddSingleton<MediaUrls>();
        builder.Services.AddSingleton<IMediaUrls>(sp => sp.GetRequiredService<MediaUrls>());
        builder.Services.AddSingleton<MediaFetchUrls>();
        builder.Services.AddSingleton<ResizedImages>();
        return builder;
    }
}
