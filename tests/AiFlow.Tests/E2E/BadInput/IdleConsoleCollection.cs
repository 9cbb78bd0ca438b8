namespace AiFlow.Tests.E2E.BadInput;

[CollectionDefinition(Name)]
public sealed class IdleConsoleCollection : ICollectionFixture<IdleConsoleFixture>
{
    public const string Name = "Idle console";
}
