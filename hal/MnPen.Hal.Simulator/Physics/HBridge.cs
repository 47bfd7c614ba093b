using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// DRV8876-class H-bridge in PH/EN mode, averaged over the 20 kHz PWM period: applies duty × supply to the motor while
/// nSLEEP is high (EN low, and the PWM off-phase, is brake: both low-side FETs on, the winding shorted through them, so
/// duty 0 with nSLEEP high brakes the rotor with its own back-EMF); nSLEEP low is sleep with the outputs Hi-Z, so the
/// rotor coasts (DRV8876 data sheet SLVSDS7B, PH/EN control mode truth table).
/// Regulates current cycle by cycle at ITRIP (by shortening the on-time: the averaged duty drops), latches off on
/// overcurrent (nFAULT low until nSLEEP goes low), and locks out below its supply threshold.
/// </summary>
public sealed class HBridge
{
    private readonly HBridgeParameters _p;
    private double _decayOhms = double.NaN, _decayHenry = double.NaN;
    private double _blankingDecay, _invOhms;

    /// <summary>Creates an idle bridge.</summary>
    public HBridge(HBridgeParameters parameters) => _p = parameters;

    /// <summary>Parameters.</summary>
    public HBridgeParameters Parameters => _p;

    /// <summary>Overcurrent latch: outputs high-impedance and nFAULT low until nSLEEP is taken low.</summary>
    public bool OvercurrentLatched { get; private set; }

    /// <summary>Driver-reported fault forced by fault injection (e.g. thermal shutdown): outputs off, nFAULT low.</summary>
    public bool ForcedFault { get; set; }

    /// <summary>
    /// Driver stuck on (driver-stuck-on fault: the PWM input shorted high or a high-side gate driver stuck): while awake
    /// the bridge conducts at full duty whatever the PWM. nSLEEP low still turns every FET off (DRV8876 data sheet,
    /// sleep mode disables the gate drivers and charge pump), so the firmware's cut remains effective.
    /// </summary>
    public bool StuckOn { get; set; }

    /// <summary>Supply below the undervoltage lockout at the last substep.</summary>
    public bool Undervoltage { get; private set; }

    /// <summary>Cycle-by-cycle regulation was active during the last substep.</summary>
    public bool CurrentLimiting { get; private set; }

    /// <summary>Duty actually applied after regulation, 0..1 (0 while not driving).</summary>
    public double EffectiveDuty { get; private set; }

    /// <summary>Highest bridge current estimated inside a PWM period (including the blanking-time overshoot), ampere.</summary>
    public double PeakCurrentAmps { get; set; }

    /// <summary>nFAULT line level (true = high = no fault).</summary>
    public bool FaultLineHigh => !(OvercurrentLatched || ForcedFault || Undervoltage);

    /// <summary>nSLEEP low clears the latch (DRV8876: a sleep cycle resets fault conditions).</summary>
    public void Sleep()
    {
        OvercurrentLatched = false;
        EffectiveDuty = 0.0;
        CurrentLimiting = false;
    }

    /// <summary>Whether the outputs drive this substep, given nSLEEP and the supply.</summary>
    public bool CanDrive(bool enabled, double supplyVolts)
    {
        Undervoltage = supplyVolts < _p.UndervoltageLockoutVolts;
        bool drive = enabled && !OvercurrentLatched && !ForcedFault && !Undervoltage;
        if (!drive) { EffectiveDuty = 0.0; CurrentLimiting = false; }
        return drive;
    }

    /// <summary>
    /// Overcurrent check at the start of an on-phase: the current reached at the end of the blanking time when the full
    /// supply drives the load (exact RL rise from the present current toward (V − back-EMF)/R). Latches and returns
    /// true if it exceeds the threshold.
    /// </summary>
    public bool CheckOvercurrent(double currentAmps, double supplyVolts, double backEmf, double loopOhms, double loopHenry)
    {
        if (loopOhms != _decayOhms || loopHenry != _decayHenry)
        {
            _decayOhms = loopOhms;
            _decayHenry = loopHenry;
            _blankingDecay = Math.Exp(-_p.RegulationBlankingSeconds * loopOhms / loopHenry);
            _invOhms = 1.0 / loopOhms;
        }
        double target = (supplyVolts - backEmf) * _invOhms;
        double peak = target + (currentAmps - target) * _blankingDecay;
        if (peak < currentAmps) peak = currentAmps;
        if (peak > PeakCurrentAmps) PeakCurrentAmps = peak;
        if (peak > _p.OvercurrentAmps)
        {
            OvercurrentLatched = true;
            EffectiveDuty = 0.0;
            CurrentLimiting = false;
            return true;
        }
        return false;
    }

    /// <summary>
    /// Overcurrent check on a braking (reverse) winding current: in brake the low-side FETs carry it, which OCP watches
    /// like every other FET (DRV8876 data sheet SLVSDS7B, protection circuits: overcurrent protection monitors every FET), while ITRIP regulation cannot act on
    /// it (regulation ends a drive phase in a brake phase; a braking current is already in one). Latches and returns true above the threshold.
    /// </summary>
    public bool CheckBrakeOvercurrent(double currentAmps)
    {
        double reverse = -currentAmps;
        if (reverse <= 0.0) return false;
        if (reverse > PeakCurrentAmps) PeakCurrentAmps = reverse;
        if (reverse <= _p.OvercurrentAmps) return false;
        OvercurrentLatched = true;
        EffectiveDuty = 0.0;
        CurrentLimiting = false;
        return true;
    }

    /// <summary>
    /// Cycle-by-cycle regulation on the averaged model: if the winding current passed ITRIP the on-time shrinks until
    /// the mean current sits at ITRIP; returns the regulated current and records the effective duty.
    /// </summary>
    public double Regulate(double currentAmps, double commandedDuty, double supplyVolts, double backEmf, double loopOhms)
    {
        double limit = _p.CurrentLimitAmps;
        if (currentAmps > limit)
        {
            CurrentLimiting = true;
            double d = supplyVolts > 0 ? (backEmf + limit * loopOhms) / supplyVolts : 0.0;
            EffectiveDuty = d < 0 ? 0 : (d > commandedDuty ? commandedDuty : d);
            return limit;
        }
        CurrentLimiting = false;
        EffectiveDuty = commandedDuty;
        return currentAmps;
    }
}
