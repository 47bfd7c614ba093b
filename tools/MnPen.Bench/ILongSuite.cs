namespace MnPen.Bench;

/// <summary>
/// A suite whose run is one long sequential simulation (it cannot spread over the cores): the runner starts its jobs
/// before the others, so the parallel suites fill the other cores around it instead of it running alone at the end.
/// </summary>
public interface ILongSuite : IBenchSuite
{
}
