using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiFlow.Tests.Infrastructure.Media;

/// <summary>The MediaRetentionAndDedup migration on a database that concurrent uploads had already given duplicate rows.</summary>
public sealed class MediaDedupMigrationTests
{
    [Fact]
    public async Task The_dedup_migration_keeps_the_oldest_live_upload_of_each_sha256_and_marks_the_later_ones_and_their_frames_deleted()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var db = database.CreateContext();
        var migrations = db.Database.GetMigrations().ToList();
        var dedup = migrations.FindIndex(m => m.EndsWith("_MediaRetentionAndDedup", StringComparison.Ordinal));
        Assert.True(dedup > 0);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[dedup - 1]);
        var (oldest, later, laterFrame, other, gone) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var duplicates = $"""
            INSERT INTO media_assets (id, file_name, mime_type, kind, size_bytes, sha256, storage_key, uploaded_by, created_at, source_asset_id, deleted_at) VALUES
              ('{oldest}', 'a.mp4', 'video/mp4', 'Video', 1, 'aaaa', 'aa/aaaa', 't', now() - interval '2 days', NULL, NULL),
              ('{later}', 'b.mp4', 'video/mp4', 'Video', 1, 'aaaa', 'aa/aaaa', 't', now() - interval '1 day', NULL, NULL),
              ('{laterFrame}', 'b.jpg', 'image/jpeg', 'Image', 1, 'ffff', 'ff/ffff', 't', now() - interval '1 day', '{later}', NULL),
              ('{other}', 'c.png', 'image/png', 'Image', 1, 'cccc', 'cc/cccc', 't', now(), NULL, NULL),
              ('{gone}', 'd.png', 'image/png', 'Image', 1, 'cccc', 'cc/cccc', 't', now() - interval '3 days', NULL, now() - interval '1 day')
            """;
        await db.Database.ExecuteSqlRawAsync(duplicates);

        await migrator.MigrateAsync();

        var live = await db.MediaAssets.AsNoTracking().Where(a => a.DeletedAt == null).Select(a => a.Id).ToListAsync();
        Assert.Equal(new[] { oldest, other }.Order(), live.Order());
        var another = $"INSERT INTO media_assets (id, file_name, mime_type, kind, size_bytes, sha256, storage_key, uploaded_by, created_at) "
            + $"VALUES ('{Guid.CreateVersion7()}', 'e.png', 'image/png', 'Image', 1, 'cccc', 'cc/cccc', 't', now())";
        var clash = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync(another));
        Assert.Equal(AiFlow.Infrastructure.Media.MediaDuplicates.IndexName, clash.ConstraintName);
    }
}
