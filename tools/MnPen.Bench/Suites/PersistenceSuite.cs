using MnPen.Firmware;
using MnPen.Bench.Spec;
using MnPen.Storage;

namespace MnPen.Bench.Suites;

/// <summary>
/// `mnpen bench --suite persistence`: power cut in the middle of a storage write at every byte offset of the writes a
/// session makes (the simulator's storage-power-cut fault), then: the pen boots usable, its calibration and every other
/// record that was on flash before the cut still load (old or new: corruptLoads counts those that do not), and
/// the cartridge that was in it is refused by a second pen (a cut must never leave a used cartridge reusable).
/// </summary>
public sealed class PersistenceSuite : IBenchSuite
{
    /// <summary>Byte offsets at which the next write is cut (first write of the session).</summary>
    public static readonly int[] FullOffsets = { 0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 512 };

    /// <summary>Offsets for --quick.</summary>
    public static readonly int[] QuickOffsets = { 0, 4, 32 };

    /// <summary>Builds the firmware of the pens under test (null: the real one); tests swap in a known-bad store through it.</summary>
    public Func<MnPen.Hal.PenBoard, PenFirmware>? FirmwareFactory { get; init; }

    /// <inheritdoc />
    public string Name => "persistence";

    /// <inheritdoc />
    public string Description => "power cut during storage writes at every byte offset: boots usable, calibration intact, used cartridge still refused";

    /// <inheritdoc />
    public IReadOnlyList<BenchCase> Run(BenchContext context) => Runner.ParallelCases.Run(context, Name, Jobs(context), "reuseAccepted");

    /// <inheritdoc />
    public IReadOnlyList<string> CaseNames(BenchContext context) => Jobs(context).Select(j => j.Name).ToList();

    // One case per cut offset; nothing runs until a body is called.
    private List<(string Name, Action<BenchCase> Body)> Jobs(BenchContext context)
    {
        int[] offsets = context.Quick ? QuickOffsets : FullOffsets;
        return offsets.Select((o, i) => ("power cut at write byte " + o, (Action<BenchCase>)(c =>
        {
            c.Parameters["byte"] = o.ToString();
            PowerCut(context.Seed + (ulong)i, o, context.Platform, c, context.ThisPen, FirmwareFactory);
        }))).ToList();
    }

    private static void PowerCut(ulong seed, int offset, MnPen.Hal.Simulator.Platform.PlatformKind platform, BenchCase c, Runner.PopulationPen penOfRun,
        Func<MnPen.Hal.PenBoard, PenFirmware>? firmware)
    {
        var pen = VirtualPen.VirtualPen.Create(penOfRun.Apply(new VirtualPen.VirtualPenOptions { Seed = seed, Platform = platform, FirmwareFactory = firmware }));
        Runner.BenchTrace.Attach(pen, "persistence-byte-" + offset);
        pen.Boot();
        if (!pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 2.0))
            throw new InvalidOperationException("pen not Ready before the cut: " + pen.Firmware.State + " / " + pen.Firmware.ActiveFault);
        // A pen in service has its records already: one session on an earlier cartridge first, so the cut session
        // overwrites records that exist (a cut in the very first write of a record has no old copy to lose, and a store
        // that writes in place would pass).
        pen.Firmware.RequestStart();
        pen.RunFor(1.0);
        pen.Firmware.RequestStop();
        pen.RunFor(0.5);
        pen.RemoveCartridge();
        pen.RunFor(0.5);
        pen.InsertCartridge();
        long strokesAtInsert = pen.Board.Strokes;
        if (!pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 2.0))
            throw new InvalidOperationException("pen not Ready after the first session: " + pen.Firmware.State + " / " + pen.Firmware.ActiveFault);
        // Every record on flash now must still load after the cut, old or new (docs/storage.md).
        var recordsBefore = StoredRecords.Readable(pen.Board.Flash, pen.Board.Pen.Storage);
        string armed = pen.InjectFault("storage-power-cut", new[] { new KeyValuePair<string, double>("byte", offset), new KeyValuePair<string, double>("off", 0.05) });
        if (!armed.StartsWith("injected", StringComparison.Ordinal)) throw new InvalidOperationException("storage-power-cut: " + armed);
        // A session writes (cartridge use, run time, events); the cut lands in the first of those writes.
        pen.Firmware.RequestStart();
        pen.RunFor(1.5);
        pen.Firmware.RequestStop();
        pen.RunFor(0.5);
        int restarts = pen.FirmwareRestarts;
        c.Parameters["cut_in"] = pen.Board.Flash.LastCutFile ?? "(no write reached the byte)";
        c.Add("powerCuts", restarts, "");
        // After the cut: the pen boots to a usable state (not stuck in self-test or a storage fault).
        pen.ClearFault(null);
        bool usable = pen.RunUntil(() => pen.Board.ProcessorRunning && pen.Firmware.State is PenState.Ready or PenState.Idle, 2.0);
        c.AddJudged("bootsToReady", usable ? 1 : 0, "");
        c.Parameters["state_after"] = pen.Firmware.State + "/" + pen.Firmware.ActiveFault;
        var store = new PenStore(pen.Board.Pen);
        var calibration = store.LoadCalibration();
        var lost = recordsBefore.Except(StoredRecords.Readable(pen.Board.Flash, pen.Board.Pen.Storage)).ToList();
        if (!calibration.IsValid && !lost.Contains(PenStore.CalibrationName)) lost.Add(PenStore.CalibrationName);
        c.AddJudged("corruptLoads", lost.Count, "");
        c.Add("recordsChecked", recordsBefore.Count, "");
        c.Parameters["calibration"] = calibration.Status.ToString();
        if (lost.Count > 0) c.Parameters["records_lost"] = string.Join(" ", lost);

        // Cartridge reuse: the cartridge that was in the pen during the cut goes into a second pen, which must refuse it
        // if its needles moved (a cut before the first stroke leaves an unused cartridge, and accepting that is right).
        long strokes = pen.Board.Strokes - strokesAtInsert;
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
