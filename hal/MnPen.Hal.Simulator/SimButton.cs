namespace MnPen.Hal.Simulator;

/// <summary>The pen's push buttons (all active low on the board).</summary>
public enum SimButton
{
    /// <summary>Start/stop.</summary>
    Start = 0,
    /// <summary>Stroke rate up.</summary>
    RateUp = 1,
    /// <summary>Stroke rate down.</summary>
    RateDown = 2,
    /// <summary>Depth up.</summary>
    DepthUp = 3,
    /// <summary>Depth down.</summary>
    DepthDown = 4,
}
