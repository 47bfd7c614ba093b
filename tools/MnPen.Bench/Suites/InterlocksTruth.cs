using MnPen.Safety;

namespace MnPen.Bench.Suites;

/// <summary>
/// Ground-truth onsets for the faults whose hazard is a physical quantity (rotor speed, needle depth, winding I²t):
/// judged from the simulated physics, never from what the firmware measures.
/// </summary>
public sealed class InterlocksTruth
{
    private static readonly SafetyLimits Limits = new();
    private readonly double _depthAtInjectionMm;
    private ulong? _fastSince;
    private ulong _lastMicros;
    private double _i2t;

    /// <summary>Starts watching; depthAtInjectionMm is the true needle depth when the fault was injected.</summary>
    public InterlocksTruth(double depthAtInjectionMm) => _depthAtInjectionMm = depthAtInjectionMm;

    /// <summary>True I²t above the continuous rating so far, A²·s (same law as the firmware's: cools below the rating).</summary>
    public double I2t => _i2t;

    /// <summary>Feeds one step; returns the onset time once the hazard is present, else null.</summary>
    public ulong? Onset(InjectionOnset kind, VirtualPen.VirtualPen pen, ulong now)
    {
        var b = pen.Board;
        switch (kind)
        {
            case InjectionOnset.TrueOverspeed:
            {
                double bound = Math.Min(Limits.OverspeedAbsolute, Limits.OverspeedRelativeFactor * pen.Firmware.Status.LevelStrokeRate + Limits.OverspeedRelativeMargin);
                if (b.StrokeRate > bound) _fastSince ??= now; else _fastSince = null;
                return _fastSince != null && now - _fastSince.Value >= 20_000 ? _fastSince : null;
            }
            case InjectionOnset.DepthBeyondSet:
            {
                double reference = Math.Max(pen.Firmware.Status.DepthTargetMm, _depthAtInjectionMm);
                bool moving = b.StrokeRate > 1.0;
                return moving && b.NeedleDepthMm > reference + Limits.DepthToleranceMm ? now : null;
            }
            case InjectionOnset.TrueOverload:
            {
                double dt = _lastMicros == 0 ? 0 : (now - _lastMicros) * 1e-6;
                _lastMicros = now;
                double i = b.MotorCurrentAmps, ic = Limits.OverloadContinuousAmps;
                _i2t += (i * i - ic * ic) * dt;
                if (_i2t < 0) _i2t = 0;
                return _i2t >= Limits.OverloadBudgetA2s ? now : null;
            }
            default:
                return null;
        }
    }
}
