using AiFlow.Domain.Common.Diffing;

namespace AiFlow.Tests.Domain.Common;

public class LineDiffTests
{
    private static string Kinds(IEnumerable<LineChange> changes) =>
        string.Concat(changes.Select(c => c.Kind switch { LineChangeKind.Same => '=', LineChangeKind.Removed => '-', _ => '+' }));

    [Fact]
    public void Identical_texts_are_all_unchanged_lines_numbered_on_both_sides()
    {
        var changes = LineDiff.Compare("a\nb\nc", "a\nb\nc");

        Assert.Equal("===", Kinds(changes));
        Assert.Equal([1, 2, 3], changes.Select(c => c.OldLine!.Value));
        Assert.Equal([1, 2, 3], changes.Select(c => c.NewLine!.Value));
        Assert.DoesNotContain(LineDiff.SideBySide(changes), r => r.IsChange);
    }

    [Fact]
    public void A_changed_middle_line_is_one_removal_and_one_addition_shown_on_the_same_row()
    {
        var changes = LineDiff.Compare("Hello\nSubject: {{ input.subject }}\nBye", "Hello\nTopic: {{ input.subject | upcase }}\nBye");

        Assert.Equal("=-+=", Kinds(changes));
        var rows = LineDiff.SideBySide(changes);
        Assert.Equal(3, rows.Count);
        var changed = Assert.Single(rows, r => r.IsChange);
        Assert.Equal(("Subject: {{ input.subject }}", 2), (changed.Left!.Text, changed.Left.OldLine!.Value));
        Assert.Equal(("Topic: {{ input.subject | upcase }}", 2), (changed.Right!.Text, changed.Right.NewLine!.Value));
    }

    [Fact]
    public void Lines_added_at_the_start_and_the_end_leave_the_rest_aligned()
    {
        var changes = LineDiff.Compare("b\nc", "a\nb\nc\nd");

        Assert.Equal("+==+", Kinds(changes));
        var rows = LineDiff.SideBySide(changes);
        Assert.Null(rows[0].Left);
        Assert.Equal("a", rows[0].Right!.Text);
        Assert.Equal((1, 2), (rows[1].Left!.OldLine!.Value, rows[1].Right!.NewLine!.Value));
    }

    [Fact]
    public void An_empty_old_text_makes_every_new_line_an_addition()
    {
        Assert.Equal("++", Kinds(LineDiff.Compare("", "x\ny")));
        Assert.Equal("--", Kinds(LineDiff.Compare("x\ny", null)));
        Assert.Empty(LineDiff.Compare("", ""));
    }

    [Fact]
    public void Windows_line_endings_do_not_count_as_changes()
    {
        Assert.Equal("==", Kinds(LineDiff.Compare("a\r\nb", "a\nb")));
    }

    [Fact]
    public void The_classic_myers_example_needs_exactly_five_edits()
    {
        var changes = LineDiff.Compare([.. "ABCABBA".Select(c => c.ToString())], [.. "CBABAC".Select(c => c.ToString())]);

        Assert.Equal(5, changes.Count(c => c.Kind != LineChangeKind.Same));
        Assert.Equal(4, changes.Count(c => c.Kind == LineChangeKind.Same));
    }

    [Fact]
    public void Random_texts_are_rebuilt_from_the_diff_with_as_few_edits_as_a_longest_common_subsequence_allows()
    {
        var random = new Random(6);
        for (var round = 0; round < 300; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 25)).Select(_ => ((char)('a' + random.Next(4))).ToString()).ToArray();
            var b = Enumerable.Range(0, random.Next(0, 25)).Select(_ => ((char)('a' + random.Next(4))).ToString()).ToArray();

            var changes = LineDiff.Compare(a, b);

            Assert.Equal(a, changes.Where(c => c.Kind != LineChangeKind.Added).Select(c => c.Text));
            Assert.Equal(b, changes.Where(c => c.Kind != LineChangeKind.Removed).Select(c => c.Text));
            Assert.Equal(Lcs(a, b), changes.Count(c => c.Kind == LineChangeKind.Same));
            Assert.Equal(a.Length, changes.Where(c => c.OldLine is not null).Select(c => c.OldLine!.Value).DefaultIfEmpty().Max());
        }
    }

    [Fact]
    public void Texts_differing_beyond_the_edit_limit_are_still_a_correct_diff()
    {
        var a = Enumerable.Range(0, LineDiff.MaxEditSteps).Select(i => "old " + i).Append("shared").ToArray();
        var b = Enumerable.Range(0, LineDiff.MaxEditSteps).Select(i => "new " + i).Append("shared").ToArray();

        var changes = LineDiff.Compare(a, b);

        Assert.Equal(a, changes.Where(c => c.Kind != LineChangeKind.Added).Select(c => c.Text));
        Assert.Equal(b, changes.Where(c => c.Kind != LineChangeKind.Removed).Select(c => c.Text));
        Assert.Equal(LineChangeKind.Same, changes[^1].Kind);
    }

    private static int Lcs(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }
        return table[a.Length, b.Length];
    }
}
