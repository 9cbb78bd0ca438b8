using AiFlow.Domain.Retrieval.Dedup;

namespace AiFlow.Tests.Domain.Retrieval.Dedup;

public sealed class SimHashTests
{
    private const string FridgeManual =
        "Replacing the water filter. The water filter sits behind the grille in the upper right corner of the fresh food " +
        "compartment. Replace it every six months, or sooner when the filter indicator on the control panel turns red or " +
        "the water flow from the dispenser slows down noticeably. To remove the old filter, turn it a quarter turn to the " +
        "left and pull it straight out; a little water may drip, so keep a towel ready. Take the new filter out of its bag, " +
        "remove the protective cap, and push it into the housing until it stops, then turn it a quarter turn to the right " +
        "until it locks with a click. Dispense about four litres of water into a container and throw that water away: this " +
        "flushes air and carbon fines out of the new filter. Finally hold the filter button for three seconds to reset the " +
        "indicator. Use only genuine filters; third-party filters can leak and are not covered by the warranty. If water " +
        "leaks from the housing after the change, take the filter out again, check that the seal ring is seated and not " +
        "twisted, and insert it once more. Dispose of the old filter with household waste unless local rules say otherwise.";

    private const string DatabaseManual =
        "Routine vacuuming. PostgreSQL databases require periodic maintenance known as vacuuming. For many installations " +
        "it is sufficient to let vacuuming be performed by the autovacuum daemon, which is described in a later section. " +
        "You might need to adjust the autovacuum parameters described there to obtain best results for your situation. " +
        "Some database administrators will want to supplement or replace the daemon's activities with manually managed " +
        "commands, which typically are executed according to a schedule by cron or Task Scheduler scripts. To set up " +
        "manually managed vacuuming properly, it is essential to understand the issues discussed in the next few " +
        "subsections. Administrators who rely on autovacuum may still wish to skim this material to help them understand " +
        "and adjust autovacuuming. The command must process each table on a regular basis for several reasons: to recover " +
        "or reuse disk space occupied by updated or deleted rows, to update data statistics used by the query planner, " +
        "to update the visibility map, which speeds up index-only scans, and to protect against loss of very old data " +
        "due to transaction ID wraparound or multixact ID wraparound.";

    [Fact]
    public void A_lightly_edited_copy_stays_within_the_near_duplicate_distance()
    {
        var edited = FridgeManual
            .Replace("six months", "6 months", StringComparison.Ordinal)
            .Replace("a towel ready", "a cloth ready", StringComparison.Ordinal)
            .Replace("genuine filters", "original filters", StringComparison.Ordinal)
            + " Contact customer service if the indicator does not reset.";

        var distance = SimHash.Distance(SimHash.Compute(FridgeManual), SimHash.Compute(edited));

        Assert.InRange(distance, 1, SimHash.NearDuplicateDistance);
        Assert.True(SimHash.AreNearDuplicates(SimHash.Compute(FridgeManual), SimHash.Compute(edited)));
    }

    [Fact]
    public void Unrelated_texts_are_far_apart()
    {
        var distance = SimHash.Distance(SimHash.Compute(FridgeManual), SimHash.Compute(DatabaseManual));

        // Two unrelated fingerprints differ in about half their 64 bits.
        Assert.InRange(distance, SimHash.NearDuplicateDistance + 8, 64);
    }

    [Fact]
    public void Case_punctuation_and_spacing_do_not_change_the_fingerprint()
    {
        var reformatted = FridgeManual.ToUpperInvariant().Replace(". ", " ...\n\n", StringComparison.Ordinal).Replace(", ", " ; ", StringComparison.Ordinal);

        Assert.Equal(SimHash.Compute(FridgeManual), SimHash.Compute(reformatted));
    }

    [Fact]
    public void Empty_text_and_text_without_words_get_the_zero_fingerprint()
    {
        Assert.Equal(0UL, SimHash.Compute(""));
        Assert.Equal(0UL, SimHash.Compute(" \n\t ... !!"));
        Assert.Equal(0, SimHash.Distance(SimHash.Compute(""), SimHash.Compute("   ")));
        Assert.NotEqual(0UL, SimHash.Compute("one"));
    }

    [Fact]
    public void The_fingerprint_is_stable_across_processes_because_it_uses_FNV_1a_and_not_string_hash_codes()
    {
        // Recorded once; string.GetHashCode is randomised per process, so this would fail on the next run if it were used.
        Assert.Equal(SimHash.Compute("the quick brown fox jumps over the lazy dog"), SimHash.Compute("The quick, brown fox jumps over the lazy dog!"));
        Assert.Equal(RecordedQuickBrownFox, SimHash.Compute("the quick brown fox jumps over the lazy dog"));
    }

    private const ulong RecordedQuickBrownFox = 7998782212829606347UL;

    [Fact]
    public void Distance_counts_the_differing_bits()
    {
        Assert.Equal(0, SimHash.Distance(42, 42));
        Assert.Equal(64, SimHash.Distance(0, ulong.MaxValue));
        Assert.Equal(2, SimHash.Distance(0b1010, 0b0000));
    }
}
