namespace AiFlow.Domain.Common;

/// <summary>
/// Something an Admin may archive: it leaves every picker and palette but stays readable, and whatever already pins one
/// of its versions keeps running. Restoring clears both fields.
/// </summary>
public interface IArchivable
{
    DateTimeOffset? ArchivedAt { get; set; }

    string? ArchivedBy { get; set; }
}
