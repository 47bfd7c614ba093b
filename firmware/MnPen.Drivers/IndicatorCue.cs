namespace MnPen.Drivers
{
    /// <summary>One-shot LED/buzzer cues played over the continuous pattern.</summary>
    public enum IndicatorCue
    {
        /// <summary>No cue.</summary>
        None = 0,
        /// <summary>Motor starting: one 80 ms beep.</summary>
        Start = 1,
        /// <summary>Motor stopped: two short beeps.</summary>
        Stop = 2,
        /// <summary>Stroke rate up one level: one short beep.</summary>
        LevelUp = 3,
        /// <summary>Stroke rate down one level: two very short beeps.</summary>
        LevelDown = 4,
        /// <summary>Depth stepped: a 15 ms tick.</summary>
        DepthStep = 5,
        /// <summary>At a limit (top/bottom level, depth limit): one long low beep.</summary>
        Limit = 6,
        /// <summary>Command refused (pre-run check, wrong state): red flash with two beeps.</summary>
        Refused = 7,
        /// <summary>Session limit reached (run or treatment time): three beeps.</summary>
        SessionEnd = 8,
    }
}
