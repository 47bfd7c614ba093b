namespace MnPen.Safety
{
    /// <summary>How the pen reacts to a fault code (the range of the code's number says the same).</summary>
    public enum FaultClass
    {
        /// <summary>Not a fault.</summary>
        None = 0,
        /// <summary>Motor cut in the same tick and the fault latched until cleared per its policy.</summary>
        HardTrip = 1,
        /// <summary>The pen refuses to start; nothing latched.</summary>
        Refusal = 2,
        /// <summary>The pen keeps running with its motor duty limited.</summary>
        Limiting = 3,
        /// <summary>Information for the user; no effect on the motor.</summary>
        Warning = 4,
    }
}
