using MnPen.Firmware;
using MnPen.Bench.Spec;
using MnPen.Storage;

namespace MnPen.Bench.Suites;

/// <summary>
/// `mnpen bench --suite persistence`: power cut in the middle of a storage write at every byte offset of the writes a
/// session makes (the simulator's storage-power-cut fault), then: the pen boots usable with its calibration intact, and
/// the cartridge that was in it is refused by a second pen (a cut must never leave a used cartridge reusable).
/// </summary>
public sealed class PersistenceSuite : IBenchSuite
{
    /// <summary>Byte offsets at which the next write is cut (first write of the session).</summary>
    public static readonly int[] FullOffsets = { 0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 512 };

    /// <summary>Offsets for --quick.</summary>
    public static readonly int[] QuickOffsets = { 0, 4, 32 };

    /// <inheritdoc />
    public string Name => "persistence";

    /// <inheritdoc />
    public string Description => "power cut during storage writes at every byte offset: boots usable, calibration intact, used cartridge still refused";

    /// <inheritdoc />
    public IReadOnlyList<BenchCase> Run(BenchContext context)
    {
        int[] offsets = context.Quick ? QuickOffsets : FullOffsets;
        var jobs = offsets.Select((o, i) => ("power cut at write byte " + o, (Action<BenchCase>)(c =>
        {
            c.Parameters["byte"] = o.ToString();
            PowerCut(context.Seed + (ulong)i, o, context.Platform, c, context.ThisPen);
        }))).ToList();
        return Runner.ParallelCases.Run(context, Name, jobs, "reuseAccepted");
    }

    private static void PowerCut(ulong seed, int offset, MnPen.Hal.Simulator.Platform.PlatformKind platform, BenchCase c, Runner.PopulationPen penOfRun)
    {
        var pen = VirtualPen.VirtualPen.Create(penOfRun.Apply(new VirtualPen.VirtualPenOptions { Seed = seed, Platform = platform }));
        Runner.BenchTrace.Attach(pen, "persistence-byte-" + offset);
        pen.Boot();
        if (!pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 2.0))
            throw new InvalidOperationException("pen not Ready before the cut: " + pen.Firmware.State + " / " + pen.Firmware.ActiveFault);
        string armed = pen.InjectFault("storage-power-cut", new[] { new KeyValuePair<string, double>("byte", offset), new KeyValuePair<string, double>("off", 0.05) });
        if (!armed.StartsWith("injected", StringComparison.Ordinal)) throw new InvalidOperationException("storage-power-cut: " + armed);
        // A session writes (cartridge use, run time, events); the cut lands in the first of those writes.
        pen.Firmware.RequestStart();
        pen.RunFor(1.5);
        pen.Firmware.RequestStop();
        pen.RunFor(0.5);
        int restarts = pen.FirmwareRestarts;
        c.Add("powerCuts", restarts, "");
        // After the cut: the pen boots to a usable state (not stuck in self-test or a storage fault).
        pen.ClearFault(null);
        bool usable = pen.RunUntil(() => pen.Board.ProcessorRunning && pen.Firmware.State is PenState.Ready or PenState.Idle, 2.0);
        c.AddJudged("bootsToReady", usable ? 1 : 0, "");
        c.Parameters["state_after"] = pen.Firmware.State + "/" + pen.Firmware.ActiveFault;
        var store = new PenStore(pen.Board.Pen);
        var calibration = store.LoadCalibration();
        c.AddJudged("corruptLoads", calibration.IsValid ? 0 : 1, "");
        c.Parameters["calibration"] = calibration.Status.ToString();

        // Cartridge reuse: the cartridge that was in the pen during the cut goes into a second pen, which must refuse it
        // if its needles moved (a cut before the first stroke leaves an unused cartridge, and accepting that is right).
        long strokes = pen.Board.Strokes;
        c.Add("strokesBeforeTransfer", strokes, "");
        var cartridge = pen.Board.RemoveCartridge() ?? throw new InvalidOperationException("no cartridge seated after the cut");
        var other = VirtualPen.VirtualPen.Create(new VirtualPen.VirtualPenOptions { Seed = seed + 1000, Cartridge = null, Platform = platform });
        other.Board.InsertCartridge(cartridge);
        other.Boot();
        other.RunFor(0.8);
        var result = other.Firmware.RequestStart();
        other.RunFor(0.3);
        bool ran = result == CommandResult.Accepted || other.Board.StrokeRate > 1.0;
        c.AddJudged("reuseAccepted", ran && strokes > 0 ? 1 : 0, "");
        c.Parameters["second_pen_start"] = result.ToString();
    }
}
