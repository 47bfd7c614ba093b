namespace MnPen.Safety
{
    /// <summary>What it takes to clear a fault once its condition is gone.</summary>
    public enum ClearPolicy
    {
        /// <summary>Clears by itself when the condition is gone (refusals, limiting, warnings).</summary>
        Automatic = 0,
        /// <summary>User acknowledges (long press or host command) once the condition is gone.</summary>
        Acknowledge = 1,
        /// <summary>Only switching the pen off and on clears it (the start-up self-test runs again).</summary>
        PowerCycle = 2,
        /// <summary>Only a technician's service clear (after repair or recalibration) clears it.</summary>
        Service = 3,
    }
}
