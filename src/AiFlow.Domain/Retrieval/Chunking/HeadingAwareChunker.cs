using AiFlow.Domain.Retrieval.Extraction;

namespace AiFlow.Domain.Retrieval.Chunking;

/// <summary>
/// Cuts a document's blocks into chunks that follow its headings: a heading closes the section before it, so no chunk
/// mixes two sections, and every chunk carries the path of headings above it. Within a section blocks are packed up to
/// the policy's token limit; consecutive chunks of a section share up to the policy's overlap; a list split over chunks
/// repeats the paragraph that introduced it (and the enclosing items of a nested item) so a continuation still reads.
/// </summary>
public sealed class HeadingAwareChunker(ITokenCounter tokens)
{
    public const string HeadingSeparator = " › ";

    public IReadOnlyList<ChunkDraft> Chunk(IReadOnlyList<DocumentBlock> blocks, ChunkingPolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.MaxTokens, 1, nameof(policy));
        ArgumentOutOfRangeException.ThrowIfNegative(policy.OverlapTokens, nameof(policy));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(policy.OverlapTokens, policy.MaxTokens, nameof(policy));

        var chunks = new List<ChunkDraft>();
        var headings = new List<(int Level, string Text)>();
        var section = new List<ChunkUnit>();
        var openItems = new List<ChunkUnit>();
        ChunkUnit? listIntro = null;
        ChunkUnit? previous = null;
        var index = 0;

        foreach (var block in blocks)
        {
            var text = block.Kind == DocumentBlockKind.Code ? block.Text.Trim('\n', '\r') : block.Text.Trim();
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (block.Kind == DocumentBlockKind.Heading)
            {
                Pack(section, HeadingPath(headings), policy, chunks);
                section.Clear();
                var level = Math.Clamp(block.HeadingLevel, 1, 6);
                headings.RemoveAll(h => h.Level >= level);
                headings.Add((level, CollapseWhitespace(text)));
                openItems.Clear();
                listIntro = null;
                previous = null;
                continue;
            }

            IReadOnlyList<ChunkUnit> context = [];
            var isListItem = block.Kind == DocumentBlockKind.ListItem;
            if (isListItem)
            {
                var depth = Math.Max(1, block.ListDepth);
                if (previous is not { IsListItem: true })
                {
                    // Only the paragraph right before a list introduces it ("The options are:").
                    listIntro = previous;
                    openItems.Clear();
                }

                while (openItems.Count >= depth)
                {
                    openItems.RemoveAt(openItems.Count - 1);
                }

                context = listIntro is null ? [.. openItems] : [listIntro, .. openItems];
            }

            var pieces = isListItem
                ? ListItemPieces(text, Math.Max(1, block.ListDepth), policy.MaxTokens)
                : TextSplitter.Split(text, policy.MaxTokens, tokens);
            ChunkUnit? first = null;
            foreach (var piece in pieces)
            {
                var unit = new ChunkUnit(index++, piece, tokens.Count(piece), block.Page, isListItem, context);
                first ??= unit;
                section.Add(unit);
                previous = unit;
            }

            if (isListItem && first is not null)
            {
                openItems.Add(first);
            }
        }

        Pack(section, HeadingPath(headings), policy, chunks);
        return chunks;
    }

    private void Pack(List<ChunkUnit> units, string headingPath, ChunkingPolicy policy, List<ChunkDraft> chunks)
    {
        var current = new List<ChunkUnit>();
        var carriedContext = new HashSet<ChunkUnit>();
        var currentTokens = 0;
        foreach (var unit in units)
        {
            if (current.Count > 0 && currentTokens + unit.Tokens > policy.MaxTokens)
            {
                Emit(current, carriedContext, headingPath, chunks);
                (current, carriedContext) = StartContinuation(current, unit, policy);
                currentTokens = current.Sum(u => u.Tokens);
            }

            current.Add(unit);
            currentTokens += unit.Tokens;
        }

        if (current.Count > 0)
        {
            Emit(current, carriedContext, headingPath, chunks);
        }
    }

    /// <summary>
    /// What a continuation chunk opens with before <paramref name="next"/>: the list context of <paramref name="next"/>
    /// and the tail of the previous chunk as overlap, in reading order. Overlap goes first when both do not fit, then the
    /// context as far as it fits, so a chunk always has room for its new unit (which fits alone: oversized blocks were split).
    /// </summary>
    private (List<ChunkUnit> Units, HashSet<ChunkUnit> Context) StartContinuation(List<ChunkUnit> previous, ChunkUnit next, ChunkingPolicy policy)
    {
        var context = next.Context.ToList();
        var overlap = Overlap(previous, policy.OverlapTokens);
        // A context unit is repeated whole, so it supersedes the overlap's copy (or partial tail) of the same unit.
        overlap.RemoveAll(o => context.Any(c => c.Index == o.Index));

        var budget = policy.MaxTokens - next.Tokens;
        if (overlap.Sum(u => u.Tokens) + context.Sum(u => u.Tokens) > budget)
        {
            overlap.Clear();
        }

        // Context that does not fit whole is kept as far as it goes: the introduction first, then the enclosing items.
        var kept = 0;
        context = context.Where(c =>
        {
            if (kept + c.Tokens > budget)
            {
                return false;
            }

            kept += c.Tokens;
            return true;
        }).ToList();

        var units = overlap.Concat(context).OrderBy(u => u.Index).ToList();
        return (units, [.. context]);
    }

    /// <summary>The last whole units of the previous chunk that fit the overlap, or else the last words of its last unit.</summary>
    private List<ChunkUnit> Overlap(List<ChunkUnit> previous, int overlapTokens)
    {
        var taken = new List<ChunkUnit>();
        if (overlapTokens == 0)
        {
            return taken;
        }

        var total = 0;
        for (var i = previous.Count - 1; i >= 0 && total + previous[i].Tokens <= overlapTokens; i--)
        {
            taken.Insert(0, previous[i]);
            total += previous[i].Tokens;
        }

        if (taken.Count > 0)
        {
            return taken;
        }

        var last = previous[^1];
        var words = last.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var tail = "";
        for (var i = words.Length - 1; i >= 0; i--)
        {
            var candidate = tail.Length == 0 ? words[i] : words[i] + " " + tail;
            if (tokens.Count(candidate) > overlapTokens)
            {
                break;
            }

            tail = candidate;
        }

        if (tail.Length > 0)
        {
            taken.Add(last with { Text = tail, Tokens = tokens.Count(tail), IsListItem = false, Context = [] });
        }

        return taken;
    }

    private void Emit(List<ChunkUnit> units, HashSet<ChunkUnit> carriedContext, string headingPath, List<ChunkDraft> chunks)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < units.Count; i++)
        {
            if (i > 0)
            {
                text.Append(units[i - 1].IsListItem && units[i].IsListItem ? "\n" : "\n\n");
            }

            text.Append(units[i].Text);
        }

        // Pages say where the chunk's own text is; a repeated list introduction from an earlier page does not count.
        var pages = units.Where(u => !carriedContext.Contains(u) && u.Page is not null).Select(u => u.Page!.Value).ToList();
        var body = text.ToString();
        chunks.Add(new ChunkDraft(
            chunks.Count,
            headingPath,
            body,
            pages.Count == 0 ? null : pages.Min(),
            pages.Count == 0 ? null : pages.Max(),
            tokens.Count(body)));
    }

    /// <summary>
    /// Renders a list item indented by its depth ("- " marker, two spaces a level); an oversized item is split first and
    /// every piece after the first is indented as a continuation line, so the depth stays visible in every chunk.
    /// </summary>
    private IEnumerable<string> ListItemPieces(string text, int depth, int maxTokens)
    {
        var indent = new string(' ', 2 * (depth - 1));
        var marker = indent + "- ";
        var continuation = "\n" + indent + "  ";
        var room = Math.Max(1, maxTokens - tokens.Count(marker));
        var first = true;
        foreach (var piece in TextSplitter.Split(text, room, tokens))
        {
            yield return (first ? marker : indent + "  ") + piece.ReplaceLineEndings(continuation);
            first = false;
        }
    }

    private static string HeadingPath(List<(int Level, string Text)> headings) =>
        string.Join(HeadingSeparator, headings.Select(h => h.Text));

    private static string CollapseWhitespace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
