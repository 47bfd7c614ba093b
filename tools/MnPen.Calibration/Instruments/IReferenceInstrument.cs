namespace MnPen.Calibration.Instruments;

/// <summary>A reference instrument the technician reads at each set point (depth gauge, tachometer, ...).</summary>
public interface IReferenceInstrument
{
    /// <summary>What it is, e.g. "depth gauge (simulated)".</summary>
    string Name { get; }

    /// <summary>Its asset or serial id, written on the certificate.</summary>
    string Id { get; }

    /// <summary>Its stated uncertainty in the unit it reads (for the certificate and the tolerance budget).</summary>
    double Uncertainty { get; }

    /// <summary>Null if ready; otherwise what to do before the procedure may start.</summary>
    string? NotReadyReason();

    /// <summary>Reads the instrument with the pen held at setPoint (in unit); throws OperationCanceledException if the technician aborts.</summary>
    double Read(double setPoint, string unit);
}
