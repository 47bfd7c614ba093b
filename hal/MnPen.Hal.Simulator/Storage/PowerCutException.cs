namespace MnPen.Hal.Simulator.Storage;

/// <summary>Thrown by <see cref="SimulatedFlash"/> when an armed power cut happens: the pen has "died" mid-write.</summary>
public sealed class PowerCutException : Exception
{
    /// <summary>Creates the signal with a description of where the cut fell.</summary>
    public PowerCutException(string message) : base(message) { }
}
