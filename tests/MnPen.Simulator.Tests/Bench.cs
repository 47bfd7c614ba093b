using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Simulator.Tests;

/// <summary>Bench set-ups shared by the simulator tests: boards driven directly through their HAL devices.</summary>
internal static class Bench
{
    public static VirtualBoard Board(SkinProfile skin = SkinProfile.Nominal, ulong seed = 1, double soc = 0.9,
        SimParameters? parameters = null, double ambient = 22.0) =>
        new(new SimOptions { Seed = seed, Skin = skin, BatteryStateOfCharge = soc, Parameters = parameters, AmbientCelsius = ambient });

    public static SimCartridge Cartridge(int needles = 16, double maxDepthMm = 2.5) => SimCartridge.Blank(needles, maxDepthMm, 0x1234);

    /// <summary>Enables the driver and applies a PWM duty, as the firmware's motor driver would.</summary>
    public static void Drive(VirtualBoard b, double duty)
    {
        b.MotorEnable.Write(true);
        b.MotorPwm.Duty = (float)duty;
        b.MotorPwm.Start();
    }

    /// <summary>A board in air with the motor at a fixed duty for 0.5 s (past its spin-up).</summary>
    public static VirtualBoard Spinning(double duty = 0.9)
    {
        var b = Board(SkinProfile.Air);
        Drive(b, duty);
        b.AdvanceSeconds(0.5);
        return b;
    }

    /// <summary>Sets the depth actuator to the duty that gives about the requested depth (inverting the characteristic numerically).</summary>
    public static void SetDepth(VirtualBoard b, double depthMm)
    {
        double lo = 0, hi = 1;
        for (int i = 0; i < 40; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (b.DepthActuator.TargetFor(mid) * 1000 < depthMm) lo = mid; else hi = mid;
        }
        b.DepthDrive.Duty = (float)hi;
        b.DepthDrive.Start();
    }

    /// <summary>Mean stroke rate over whole seconds (averages the per-revolution ripple of the skin load).</summary>
    public static double MeanStrokeRate(VirtualBoard b, double seconds)
    {
        long s0 = b.Strokes;
        double a0 = b.CamAngleRadians;
        b.AdvanceSeconds(seconds);
        double revs = b.Strokes - s0 + (b.CamAngleRadians - a0) / (2 * Math.PI);
        return revs / seconds;
    }

    public static SimParameters Noiseless()
    {
        var p = SimParameters.Default();
        p.CurrentSense.NoiseCounts = 0;
        p.Ntc.NoiseCounts = 0;
        p.Battery.AdcNoiseCounts = 0;
        p.DepthActuator.PotNoiseCounts = 0;
        return p;
    }
}
