using MnPen.Bench.Spec;
using MnPen.Firmware;
using MnPen.Firmware.Link;
using MnPen.Protocol;
using MnPen.VirtualPen.Serve;

namespace MnPen.Bench.Suites;

/// <summary>
/// `mnpen bench --suite protocol`: the firmware's real protocol link on a virtual pen. Fuzz (random, mutated and
/// well-formed random frames, ProtocolFuzzer) must never crash it, unlock service mode, change protected state or move
/// the motor; after each kind of garbage (noise, a frame cut short, a bad CRC, a frame longer than allowed) the next
/// valid request must get its reply. Run once per bench run, not per pen (IPopulationSuite): frames meet the firmware's
/// link, not the pen's parts; the recovery runs use the population's first pen.
/// </summary>
public sealed class ProtocolSuite : IPopulationSuite
{
    /// <summary>Fuzz runs (seeds) and frames each.</summary>
    public const int FuzzRuns = 4, FullFrames = 20_000, QuickFrames = 1_000;

    private static readonly (string Name, Func<Random, byte[]> Garbage)[] Garbage =
    {
        ("noise 4 kB", r => { var b = new byte[4096]; r.NextBytes(b); return b; }),
        ("frame cut short", r => Valid(MessageType.GetStatus, 1, 0).Take(5).ToArray()),
        ("bad crc", r => { var f = Valid(MessageType.GetStatus, 2, 0); f[^1] ^= 0x5A; return f; }),
        ("oversized length", r => { var f = Valid(MessageType.GetStatus, 3, 0); f[2] = 0xFF; f[3] = 0xFF; return f; }),
        ("unknown type", r => Valid(0x7E, 4, 3)),
    };

    /// <summary>Tests: called before every poll of the fuzzed link (ProtocolFuzzer.BeforePoll), to plant a known-bad link.</summary>
    public Action<PenLink, VirtualPen.VirtualPen>? LinkTamper { get; init; }

    /// <inheritdoc />
    public string Name => "protocol";

    /// <inheritdoc />
    public string Description => "protocol fuzz on the virtual pen (no crash, no unlock, no motor) and recovery after garbage";

    /// <inheritdoc />
    public IReadOnlyList<BenchCase> Run(BenchContext context) => Runner.ParallelCases.Run(context, Name, Jobs(context));

    /// <inheritdoc />
    public IReadOnlyList<string> CaseNames(BenchContext context) => Jobs(context).Select(j => j.Name).ToList();

    // The fuzz runs, then one recovery per kind of garbage; nothing runs until a body is called.
    private List<(string Name, Action<BenchCase> Body)> Jobs(BenchContext context)
    {
        int frames = context.Quick ? QuickFrames : FullFrames;
        var jobs = new List<(string Name, Action<BenchCase> Body)>();
        for (int i = 0; i < FuzzRuns; i++)
        {
            int seed = (int)(context.Seed * 1000 + (ulong)i);
            jobs.Add(("fuzz/seed " + seed, c => Fuzz(seed, frames, c, LinkTamper)));
        }
        foreach (var g in Garbage) jobs.Add(("recovery/after " + g.Name, c => Recover(context.Seed, context.Platform, g.Garbage, c, context.ThisPen)));
        return jobs;
    }

    private static void Fuzz(int seed, int frames, BenchCase c, Action<PenLink, VirtualPen.VirtualPen>? tamper)
    {
        c.PrimaryMeasurement = "unhandled";
        var r = new ProtocolFuzzer(seed) { BeforePoll = tamper }.Run(frames);
        c.Add("frames", r.Frames, "");
        c.Add("errorReplies", r.ErrorReplies, "");
        c.Add("crcRejected", r.CrcRejected, "");
        c.AddJudged("unhandled", r.ExceptionsEscaped + r.ExceptionsCaught, "");
        c.AddJudged("unsafe", r.MotorStarts, "");
        c.AddJudged("serviceUnlocks", r.ServiceUnlocks, "");
        c.AddJudged("protectedStateChanges", r.ProtectedStateChanges, "");
        c.AddJudged("receiverOverflow", Math.Max(0, r.MaxReceiverBytes - r.ReceiverCapacity), "bytes");
    }

    private static void Recover(ulong seed, MnPen.Hal.Simulator.Platform.PlatformKind platform, Func<Random, byte[]> garbage, BenchCase c, Runner.PopulationPen penOfRun)
    {
        c.PrimaryMeasurement = "recovered";
        var pen = VirtualPen.VirtualPen.Create(penOfRun.Apply(new VirtualPen.VirtualPenOptions { Seed = seed, Platform = platform }));
        pen.Boot();
        pen.RunFor(0.3);
        var link = new PenLink(pen.Firmware, pen.Board.Pen);
        var sink = new byte[8192];
        void Pump(int steps) { for (int k = 0; k < steps; k++) { link.Poll(); pen.Step(); pen.Board.Serial.TakeFromPen(sink, 0, sink.Length); } }

        byte[] junk = garbage(new Random((int)seed));
        Push(pen, link, junk);
        Pump(20);
        // The real client gives up on a half frame and the link's receive timeout drops it; give it that quiet time.
        pen.RunFor(0.2);
        Pump(5);

        const byte seq = 0x5A;
        Push(pen, link, Valid(MessageType.GetStatus, seq, 0));
        ulong sent = pen.NowMicros;
        var parser = new FrameParser();
        bool replied = false;
        for (int k = 0; k < 500 && !replied; k++)
        {
            link.Poll();
            int n = pen.Board.Serial.TakeFromPen(sink, 0, sink.Length);
            for (int j = 0; j < n && !replied; j++)
                if (parser.Feed(sink[j]) && parser.FrameType == (MessageType.GetStatus | MessageType.ReplyFlag) && parser.FrameSeq == seq) replied = true;
            if (!replied) pen.Step();
        }
        c.AddJudged("recovered", replied ? 1 : 0, "");
        c.Add("replyAfter", replied ? (pen.NowMicros - sent) / 1000.0 : double.NaN, "ms");
        c.AddJudged("unsafe", pen.Firmware.State is PenState.Running or PenState.Starting ? 1 : 0, "");
    }

    private static void Push(VirtualPen.VirtualPen pen, PenLink link, byte[] bytes)
    {
        int off = 0;
        while (off < bytes.Length)
        {
            off += pen.Board.Serial.PushToPen(bytes, off, bytes.Length - off);
            link.Poll();
        }
    }

    private static byte[] Valid(byte type, byte seq, int payloadLength)
    {
        var payload = new byte[Math.Max(1, payloadLength)];
        var dst = new byte[FrameFormat.MaxFrame];
        int n = FrameWriter.Encode(type, seq, payload, 0, payloadLength, dst, 0);
        return dst.Take(n).ToArray();
    }
}
