using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// The hardware channel's over-temperature comparator (TLV3691 class) on its own NTC bead at the needle guide, with
/// hysteresis: its output opens the motor gate above the trip and closes it again below trip − hysteresis. The bead lags
/// the guide first-order; the comparator's own delay (tens of µs) is far below the 1 ms step it is evaluated on.
/// </summary>
public sealed class ThermalComparator
{
    private readonly ProtectiveChannelParameters _p;

    /// <summary>Creates the comparator with its bead at the given temperature.</summary>
    public ThermalComparator(ProtectiveChannelParameters parameters, double celsius)
    {
        _p = parameters;
        BeadCelsius = celsius;
        Ok = celsius < parameters.ThermalTripCelsius;
    }

    /// <summary>Bead temperature, °C.</summary>
    public double BeadCelsius { get; private set; }

    /// <summary>Output: true (gate may close) below the trip.</summary>
    public bool Ok { get; private set; }

    /// <summary>Tests and the bench: the comparator never trips (a fault or a model of a missing channel).</summary>
    public bool Bypassed { get; set; }

    /// <summary>Satisfied: below the trip, or bypassed.</summary>
    public bool Satisfied => Bypassed || Ok;

    /// <summary>Bead follows the needle guide over dt seconds; the comparator switches with its hysteresis.</summary>
    public void Step(double guideCelsius, double seconds)
    {
        BeadCelsius = guideCelsius + (BeadCelsius - guideCelsius) * Math.Exp(-seconds / _p.ThermalBeadTimeConstantSeconds);
        if (Ok && BeadCelsius >= _p.ThermalTripCelsius) Ok = false;
        else if (!Ok && BeadCelsius < _p.ThermalTripCelsius - _p.ThermalHysteresisKelvin) Ok = true;
    }
}
