using MnPen.Hal.Simulator;
using MnPen.VirtualPen;

namespace MnPen.Firmware.Tests;

internal static class PenHarness
{
    /// <summary>A factory-calibrated virtual pen, booted and stepped until Ready (or whatever state it settles in).</summary>
    public static VirtualPen.VirtualPen Booted(string? cartridge = CartridgeKinds.New, SkinProfile skin = SkinProfile.Nominal)
    {
        var pen = VirtualPen.VirtualPen.Create(new VirtualPenOptions { Seed = 1, Skin = skin, Cartridge = cartridge });
        pen.Boot();
        pen.RunUntil(() => pen.Firmware.State is PenState.Ready or PenState.Lockout or PenState.Fault || (cartridge == null && pen.Firmware.State == PenState.Idle), 2.0);
        pen.RunFor(0.05);
        return pen;
    }

    public static VirtualPen.VirtualPen Running(int level = 2, double depthMm = 1.0)
    {
        var pen = Booted();
        Assert.Equal(PenState.Ready, pen.Firmware.State);
        pen.Firmware.SetRateLevel(level);
        pen.Firmware.SetDepthMm((float)depthMm);
        Assert.Equal(CommandResult.Accepted, pen.Firmware.RequestStart());
        Assert.True(pen.RunUntil(() => pen.Firmware.State == PenState.Running, 1.0), "pen did not reach Running: " + pen.Firmware.State);
        return pen;
    }

    public static bool Logged(PenFirmware fw, PenState from, PenState to, TransitionReason reason)
    {
        var log = fw.Transitions;
        for (int i = 0; i < log.Pending; i++)
            if (log.FromAt(i) == from && log.ToAt(i) == to && log.ReasonAt(i) == reason) return true;
        return false;
    }
}
