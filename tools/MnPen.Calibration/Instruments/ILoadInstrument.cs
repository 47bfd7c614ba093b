namespace MnPen.Calibration.Instruments;

/// <summary>A reference that also sets the load it measures (a bench brake on the motor with an ammeter in series).</summary>
public interface ILoadInstrument
{
    /// <summary>Sets the brake for about this motor current, A (0 releases it).</summary>
    void SetLoad(double amps);
}
