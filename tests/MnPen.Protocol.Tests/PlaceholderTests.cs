namespace MnPen.Protocol.Tests;

public class ProjectBuilds
{
    [Fact]
    public void Project_references_resolve() => Assert.NotNull(typeof(ProjectBuilds).Assembly);
}
