namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>Keeps the known-differences list honest: an entry whose example no longer disagrees should be deleted.</summary>
public sealed class KnownDifferencesTests
{
    public static TheoryData<string> Names() => [.. KnownDifferences.All.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_known_difference_still_shows_on_its_example_and_explains_it(string name)
    {
        var difference = KnownDifferences.All.Single(d => d.Name == name);

        var example = new DifferentialCase(difference.ExampleSchema, [new GeneratedInstance(difference.ExampleInstance, InstanceOrigin.Suite)]);

        var judgement = Assert.Single(TwoValidators.Judge(example));

        Assert.False(judgement.Agrees, $"the validators now agree on the example ({judgement}); JsonSchema.Net may have fixed it: delete the entry");
        Assert.Same(difference, KnownDifferences.Explaining(judgement));
    }
}
