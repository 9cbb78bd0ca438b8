namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>
/// Which local references a generated subschema may use: the root's <c>$defs</c> when it has them, and the root
/// itself only below a keyword that steps into the instance. Inside a definition every reference waits for such a
/// keyword too, so every reference cycle consumes instance depth and evaluation always ends.
/// </summary>
internal readonly record struct RefScope(bool HasDefs, bool Descended, bool InDefinition = false)
{
    private static readonly string[] s_none = [];
    private static readonly string[] s_defs = ["#/$defs/d0", "#/$defs/d1"];
    private static readonly string[] s_defsAndRoot = ["#/$defs/d0", "#/$defs/d1", "#"];

    public static RefScope None => new(false, false);

    public static RefScope Defs => new(true, false);

    public static RefScope Definition => new(true, false, InDefinition: true);

    public string[] Targets => !HasDefs || (InDefinition && !Descended) ? s_none : Descended ? s_defsAndRoot : s_defs;

    public RefScope Descend() => this with { Descended = true };
}
