namespace MnPen.Bench;

/// <summary>
/// A suite that covers the run's pen population itself (BenchContext.Population), e.g. by spreading its injections over
/// the pens; the runner runs it once. Every other suite is run once per pen and its cases merged (PopulationMerge).
/// </summary>
public interface IPopulationSuite : IBenchSuite
{
}
