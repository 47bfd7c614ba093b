using MnPen.Hal.Simulator.Physics;
using MnPen.Safety;

namespace MnPen.Firmware.Tests;

/// <summary>
/// Background() jobs hold the loop for milliseconds (a cartridge read over 1-Wire: ~110 ms on the ESP32). While the gate
/// brakes after a stop or a trip the driver is awake, so the hardware window watchdog watches the kicks: a job then would
/// starve it, and its fault memory holds the gate open until a processor reset.
/// </summary>
public class BackgroundWhileBrakingTests
{
    [Fact]
    public void A_cartridge_reseated_while_the_gate_still_brakes_is_read_only_after_the_brake_and_the_next_client_runs()
    {
        var pen = PenHarness.Running(level: 1, depthMm: 0.5);
        pen.RunFor(0.5);
        pen.InjectFault("cartridge-removed", Array.Empty<KeyValuePair<string, double>>());
        // The trip brakes the rotor with the driver awake; a cartridge wiggled back into its seat lands inside that brake.
        Assert.True(pen.RunUntil(() => pen.Firmware.ActiveFault == FaultCode.CartridgeRemoved && pen.Firmware.Gate.Braking, 1.0), "the pulled cartridge was not caught");
        pen.ClearFault("cartridge-removed");
        pen.RunFor(0.5);
        Assert.False(pen.Board.Protective.Watchdog.Faulted,
            $"window watchdog starved: {pen.Board.Protective.Watchdog.LateFaults} late kick(s), last interval {pen.Board.Protective.Watchdog.LastIntervalMicros} us");

        // Acknowledged, and (the re-seated one being used) a fresh cartridge in: the next client's run.
        pen.Firmware.AcknowledgeFault();
        pen.RunFor(0.3);
        pen.RemoveCartridge();
        pen.RunFor(0.5);
        pen.InsertCartridge();
        Assert.True(pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 2.0), "not Ready after the acknowledge: " + pen.Firmware.State + "/" + pen.Firmware.ActiveFault);
        Assert.Equal(CommandResult.Accepted, pen.Firmware.RequestStart());
        Assert.True(pen.RunUntil(() => pen.Firmware.State == PenState.Running, 1.0));
        pen.RunFor(0.5);
        Assert.Equal(PenState.Running, pen.Firmware.State);
        Assert.True(pen.Board.BridgeDriving, "the hardware channel cut the next run: " + pen.Board.Protective.OpenPaths);
        Assert.Equal(ProtectivePath.Cartridge, pen.Board.Protective.FirstCutPaths);
    }
}
