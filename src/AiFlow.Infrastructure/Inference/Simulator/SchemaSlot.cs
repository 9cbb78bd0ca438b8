namespace AiFlow.Infrastructure.Inference.Simulator;

// Where in the instance a value goes: its path (for stable hashing), the words that describe it
// (property name, title, description) and the sentence it should draw from (array items get their own).
internal sealed record SchemaSlot(string Path, List<string> Hints, int Focus)
{
    public static SchemaSlot Root { get; } = new("$", [], -1);

    public SchemaSlot Property(string name, List<string> extraHints) =>
        new(Path + "." + name, [.. PromptCorpus.Tokenize(name), .. extraHints], Focus);

    public SchemaSlot Item(int index) => new(Path + "[" + index + "]", Hints, index);
}
