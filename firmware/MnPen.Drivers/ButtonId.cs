namespace MnPen.Drivers
{
    /// <summary>The pen's buttons, as indexes into Buttons.</summary>
    public enum ButtonId
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
}
