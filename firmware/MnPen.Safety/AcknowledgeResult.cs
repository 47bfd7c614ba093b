namespace MnPen.Safety
{
    /// <summary>Outcome of a fault acknowledgement. Clearing never starts the motor.</summary>
    public enum AcknowledgeResult
    {
        /// <summary>The latched fault was cleared; a fresh start request is needed to run.</summary>
        Cleared = 0,
        /// <summary>Nothing was latched.</summary>
        NothingToClear = 1,
        /// <summary>The fault's condition is still present.</summary>
        ConditionPresent = 2,
        /// <summary>The control core still commands the motor or the motor is still turning; stop first.</summary>
        MotorStillCommanded = 3,
        /// <summary>This fault clears only by switching the pen off and on.</summary>
        NeedsPowerCycle = 4,
        /// <summary>This fault clears only by a service clear.</summary>
        NeedsService = 5,
    }
}
