namespace SageBuild.Tests.Acceptance;

/// <summary>One definition in the differential test against asl-validator.</summary>
/// <param name="Id">A stable, unique name: the family, then the seed it was made from.</param>
/// <param name="Family">The recorded corpus (<c>corpus</c>) or the mutation family that made it.</param>
/// <param name="Definition">The ASL text.</param>
public sealed record DifferentialCase(string Id, string Family, string Definition)
{
    public override string ToString() => Id;
}
