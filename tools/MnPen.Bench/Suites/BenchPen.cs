using MnPen.Firmware;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Parameters;
using MnPen.Hal.Simulator.Physics;
using MnPen.Hal.Simulator.Platform;
using MnPen.VirtualPen;

namespace MnPen.Bench.Suites;

/// <summary>Builds a factory-calibrated virtual pen for a bench case and brings it to Ready at a depth.</summary>
public static class BenchPen
{
    /// <summary>
    /// A booted pen in Ready with a new cartridge, the given skin and battery, depth reached. Throws if it cannot get there.
    /// pen: which pen of the population (its parts and own calibration); null = the reference pen.
    /// </summary>
    public static VirtualPen.VirtualPen Ready(ulong seed, SkinProfile skin, BenchBattery battery, double depthMm, bool openLoop = false, Action<PenFirmware>? configure = null, PlatformKind? platform = null, Runner.PopulationPen? pen = null)
    {
        var parameters = SimParameters.Default();
        var options = new VirtualPenOptions
        {
            Seed = seed,
            Skin = skin,
            BatteryStateOfCharge = Battery.StateOfChargeForOpenCircuitVolts(parameters.Battery, battery.OpenCircuitVolts),
        };
        if (platform != null) options.Platform = platform.Value;
        return Boot(VirtualPen.VirtualPen.Create(pen?.Apply(options) ?? options), skin, battery, depthMm, openLoop, configure);
    }

    private static VirtualPen.VirtualPen Boot(VirtualPen.VirtualPen pen, SkinProfile skin, BenchBattery battery, double depthMm, bool openLoop, Action<PenFirmware>? configure)
    {
        if (battery.ExtraOhms > 0)
        {
            string r = pen.InjectFault("battery-sag", new[] { new KeyValuePair<string, double>("ohms", battery.ExtraOhms) });
            if (!r.StartsWith("injected", StringComparison.Ordinal)) throw new InvalidOperationException("battery-sag " + r);
        }
        Runner.BenchTrace.Attach(pen, RateSuite.SkinName(skin) + "-" + battery.Name + "-" + depthMm.ToString(System.Globalization.CultureInfo.InvariantCulture) + "mm" + (openLoop ? "-open-loop" : ""));
        pen.Boot();
        pen.Firmware.RateControl.OpenLoop = openLoop;
        configure?.Invoke(pen.Firmware);
        if (!pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 2.0))
            throw new InvalidOperationException("pen did not become Ready (state " + pen.Firmware.State + ", fault " + pen.Firmware.ActiveFault + ")");
        var set = pen.Firmware.SetDepthMm((float)depthMm);
        if (set != CommandResult.Accepted && set != CommandResult.AlreadyDone)
            throw new InvalidOperationException("depth " + depthMm + " mm refused: " + set);
        if (!pen.RunUntil(() => pen.Firmware.DepthControl.Reached, 2.0))
            throw new InvalidOperationException("depth " + depthMm + " mm not reached");
        return pen;
    }
}
