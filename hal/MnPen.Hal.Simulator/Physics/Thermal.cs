using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// Two-node thermal network: winding (I²R heating) → handpiece (bridge and electronics losses) → ambient.
/// Integrated with the exact exponential of each node's own time constant per step (unconditionally stable; steps
/// are 1 ms against seconds-long time constants, so the coupling error is negligible).
/// </summary>
public sealed class Thermal
{
    private readonly ThermalParameters _p;
    private double _cachedStep = double.NaN;
    private double _windingDecay, _handpieceDecay;

    /// <summary>Creates the network in equilibrium with the ambient.</summary>
    public Thermal(ThermalParameters parameters, double ambientCelsius)
    {
        _p = parameters;
        AmbientCelsius = ambientCelsius;
        WindingCelsius = ambientCelsius;
        HandpieceCelsius = ambientCelsius;
    }

    /// <summary>Parameters.</summary>
    public ThermalParameters Parameters => _p;

    /// <summary>Ambient temperature, °C.</summary>
    public double AmbientCelsius { get; set; }

    /// <summary>Winding temperature, °C.</summary>
    public double WindingCelsius { get; private set; }

    /// <summary>Handpiece (grip) temperature, °C.</summary>
    public double HandpieceCelsius { get; private set; }

    /// <summary>Sets winding and handpiece to one temperature (a pen left to soak, e.g. before a thermal test starts near a limit).</summary>
    public void Soak(double celsius)
    {
        WindingCelsius = celsius;
        HandpieceCelsius = celsius;
    }

    /// <summary>Advances dt seconds with the given mean heat inputs, watt.</summary>
    public void Step(double seconds, double windingWatts, double handpieceWatts)
    {
        double rwh = _p.WindingToHandpieceKelvinPerWatt;
        double rha = _p.HandpieceToAmbientKelvinPerWatt;
        double cw = _p.WindingCapacityJoulesPerKelvin;
        double ch = _p.HandpieceCapacityJoulesPerKelvin;
        double tw = WindingCelsius, th = HandpieceCelsius;
        // Winding: relaxes toward handpiece + P·Rwh with tau = Rwh·Cw.
        if (seconds != _cachedStep)
        {
            _cachedStep = seconds;
            _windingDecay = Math.Exp(-seconds / (rwh * cw));
            _handpieceDecay = Math.Exp(-seconds / (rha * ch));
        }
        double twInf = th + windingWatts * rwh;
        double tw1 = twInf + (tw - twInf) * _windingDecay;
        // Handpiece: fed by the winding flow (mean over the step) and its own losses, cooled to ambient.
        double flow = ((tw + tw1) * 0.5 - th) / rwh;
        double thInf = AmbientCelsius + (handpieceWatts + flow) * rha;
        double th1 = thInf + (th - thInf) * _handpieceDecay;
        WindingCelsius = tw1;
        HandpieceCelsius = th1;
    }
}
