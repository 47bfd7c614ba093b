using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// Battery pack: open-circuit voltage from state of charge (piecewise-linear cell curve), terminal voltage sagging
/// with load current through the internal resistance, coulomb-counted drain; sag and brown-out fault hooks.
/// </summary>
public sealed class Battery
{
    private readonly BatteryParameters _p;
    private double _ocv;
    private double _resistance;
    private double _extraOhms;

    /// <summary>Creates a pack at the given state of charge.</summary>
    public Battery(BatteryParameters parameters, double stateOfCharge)
    {
        _p = parameters;
        StateOfCharge = Math.Clamp(stateOfCharge, 0.0, 1.0);
        ForcedVolts = double.NaN;
        Refresh();
        TerminalVolts = _ocv;
    }

    /// <summary>State of charge, 0..1.</summary>
    public double StateOfCharge { get; private set; }

    /// <summary>Open-circuit voltage of the pack, volt.</summary>
    public double OpenCircuitVolts => _ocv;

    /// <summary>Terminal voltage under the present load, volt.</summary>
    public double TerminalVolts { get; private set; }

    /// <summary>Present load current, ampere (negative while the motor regenerates).</summary>
    public double LoadAmps { get; private set; }

    /// <summary>Extra series resistance from the battery-sag fault (aged cell, corroded contact), ohm.</summary>
    public double ExtraResistanceOhms
    {
        get => _extraOhms;
        set { _extraOhms = value; Refresh(); SetLoad(LoadAmps); }
    }

    /// <summary>When not NaN, the terminal voltage is held here (brown-out fault: supply collapse).</summary>
    public double ForcedVolts { get; set; }

    /// <summary>Total resistance between the cells and the board, ohm.</summary>
    public double ResistanceOhms => _resistance;

    /// <summary>Sets the load current and recomputes the terminal voltage (cached OCV: it moves only in the slow step).</summary>
    public void SetLoad(double amps)
    {
        LoadAmps = amps;
        double v = double.IsNaN(ForcedVolts) ? _ocv - amps * _resistance : ForcedVolts;
        TerminalVolts = v < 0.0 ? 0.0 : v;
    }

    /// <summary>Coulomb counting over dt seconds at the present load, then refreshes the cached OCV and resistance.</summary>
    public void Drain(double seconds)
    {
        StateOfCharge -= LoadAmps * seconds / (_p.CapacityAmpHours * 3600.0);
        if (StateOfCharge < 0.0) StateOfCharge = 0.0;
        if (StateOfCharge > 1.0) StateOfCharge = 1.0;
        Refresh();
        SetLoad(LoadAmps);
    }

    /// <summary>Sets the state of charge (battery-aged fault: a pack that holds less than its gauge believed), 0..1.</summary>
    public void SetStateOfCharge(double soc)
    {
        StateOfCharge = Math.Clamp(soc, 0.0, 1.0);
        Refresh();
        SetLoad(LoadAmps);
    }

    /// <summary>Pack open-circuit voltage at a state of charge, volt.</summary>
    public static double OpenCircuitVoltsAt(BatteryParameters p, double soc)
    {
        double[] t = p.CellOcvVolts;
        double x = Math.Clamp(soc, 0.0, 1.0) * (t.Length - 1);
        int i = (int)x;
        if (i >= t.Length - 1) return t[t.Length - 1] * p.CellsInSeries;
        double f = x - i;
        return (t[i] + (t[i + 1] - t[i]) * f) * p.CellsInSeries;
    }

    /// <summary>State of charge at which the pack's open-circuit voltage equals the given value (inverse of the curve).</summary>
    public static double StateOfChargeForOpenCircuitVolts(BatteryParameters p, double volts)
    {
        double lo = 0.0, hi = 1.0;
        for (int k = 0; k < 60; k++)
        {
            double mid = 0.5 * (lo + hi);
            if (OpenCircuitVoltsAt(p, mid) < volts) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private void Refresh()
    {
        _ocv = OpenCircuitVoltsAt(_p, StateOfCharge);
        _resistance = _p.InternalResistanceOhms + _extraOhms;
    }
}
