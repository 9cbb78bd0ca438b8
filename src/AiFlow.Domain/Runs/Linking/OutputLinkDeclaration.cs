namespace AiFlow.Domain.Runs.Linking;

/// <summary>One entry of a step's <c>outputLinks</c> parameter: where in the IR the ids of one kind of record are.</summary>
public sealed record OutputLinkDeclaration(string TargetType, IdPath Path, string Relation);
