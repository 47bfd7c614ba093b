namespace MnPen.VirtualPen.Scenarios;

/// <summary>When an expectation is evaluated.</summary>
public enum ScenarioWindowKind
{
    /// <summary>At one instant ("expect at 3 s: ...").</summary>
    At,
    /// <summary>Over a window ("expect from 2 s to 5 s: ..."); every sample must pass (rate: the window mean).</summary>
    During,
    /// <summary>Must become true no later than a delay after a time ("expect within 20 ms after 3 s: ..."); the latency is measured.</summary>
    Within,
    /// <summary>Over the whole run ("expect always: ...").</summary>
    Always,
    /// <summary>At the end of the run ("expect at end: ...").</summary>
    AtEnd,
}
