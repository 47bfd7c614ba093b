using MnPen.Firmware;
using MnPen.Firmware.Link;
using MnPen.Protocol;
using MnPen.Storage;

namespace MnPen.VirtualPen.Serve;

/// <summary>
/// Throws random, mutated and well-formed-but-random frames at the firmware's real protocol link on a virtual pen and
/// checks after every frame that nothing escaped, no protected state changed, service mode stayed locked, the motor
/// never ran and the receiver stayed within its fixed buffer. Used by the protocol tests (short) and the long run.
/// </summary>
public sealed class ProtocolFuzzer
{
    private readonly Random _rng;
    private readonly VirtualPen _pen;
    private readonly FuzzFrameSource _source;
    private readonly FrameParser _replies = new();
    private readonly byte[] _sink = new byte[8192];
    private PenLink _link;
    private PenFirmware _fw;
    private byte[] _protected = Array.Empty<byte>();

    /// <summary>Builds a factory-calibrated virtual pen with its service key provisioned, booted and settled.</summary>
    public ProtocolFuzzer(int seed)
    {
        _rng = new Random(seed);
        _pen = VirtualPen.Create(new VirtualPenOptions { Seed = (ulong)seed });
        var keyFile = new ServiceKeyFile(_pen.Board.Pen.Storage);
        keyFile.Write(DevelopmentServiceKey.Bytes, 0);
        _pen.Boot();
        _pen.RunFor(0.3);
        _fw = _pen.Firmware;
        _link = new PenLink(_fw, _pen.Board.Pen);
        _source = new FuzzFrameSource(_rng, () => _pen.Firmware.Store?.Calibration);
    }

    /// <summary>Called before every poll of the link: tests plant a known-bad link through it (one that lets service commands through unauthenticated) to show the checks fail.</summary>
    public Action<PenLink, VirtualPen>? BeforePoll { get; set; }

    /// <summary>
    /// Runs the given number of frames, or fewer when cancel stops it (Ctrl+C, SIGTERM: the report's Frames says how
    /// many ran); progress (frames done) is reported every 10,000 frames.
    /// </summary>
    public FuzzReport Run(long frames, Action<long>? progress = null, CancellationToken cancel = default)
    {
        var report = new FuzzReport { ReceiverCapacity = FrameFormat.MaxFrame };
        report.AllocatedBytesForGarbage = MeasureGarbageAllocation(1 << 20);
        _protected = SnapshotProtected();
        var started = System.Diagnostics.Stopwatch.StartNew();
        uint dispatchedBase = _link.Endpoint.RequestsHandled, errorsBase = _link.Endpoint.ErrorsSent, crcBase = _link.Endpoint.Parser.CrcErrors;
        _replies.Reset();
        long i = 0;
        for (; i < frames && !cancel.IsCancellationRequested; i++)
        {
            int n = _source.Next(report);
            byte[] frame = _source.Frame;
            report.Bytes += n;
            int off = 0;
            while (off < n)
            {
                off += _pen.Board.Serial.PushToPen(frame, off, n - off);
                if (off < n) PollOnce(report);
            }
            PollOnce(report);
            if ((i & 3) == 3)
            {
                _pen.Step();
                CheckMotor(report);
                if (!ReferenceEquals(_pen.Firmware, _fw))
                {
                    report.Reboots++;
                    AddLinkCounters(report, dispatchedBase, errorsBase, crcBase);
                    _fw = _pen.Firmware;
                    _link = new PenLink(_fw, _pen.Board.Pen);
                    dispatchedBase = errorsBase = crcBase = 0;
                }
            }
            if (i % 1000 == 999 && !SnapshotProtected().AsSpan().SequenceEqual(_protected))
            {
                report.ProtectedStateChanges++;
                _protected = SnapshotProtected();
            }
            if (progress != null && i % 10000 == 9999) progress(i + 1);
        }
        // Let the pen finish what it was sent (requests still waiting behind their replies) before counting.
        for (int quiet = 0; quiet < 10_000 && (_pen.Board.Serial.BytesToRead > 0 || _link.Endpoint.PendingTxBytes > 0 || _pen.Board.Serial.BytesFromPen > 0); quiet++)
        {
            PollOnce(report);
            _pen.Step();
        }
        if (!SnapshotProtected().AsSpan().SequenceEqual(_protected)) report.ProtectedStateChanges++;
        report.Frames = i;
        report.Seconds = started.Elapsed.TotalSeconds;
        AddLinkCounters(report, dispatchedBase, errorsBase, crcBase);
        report.LostReplies = report.RequestsDispatched - report.RepliesReceived;
        report.Transport = "in-process link (no connection)";
        return report;
    }

    // The current link's counters (since the given bases) into the report: at each reboot, before the link is replaced, and at the end.
    private void AddLinkCounters(FuzzReport report, uint dispatchedBase, uint errorsBase, uint crcBase)
    {
        report.RequestsDispatched += _link.Endpoint.RequestsHandled - dispatchedBase;
        report.ErrorReplies += _link.Endpoint.ErrorsSent - errorsBase;
        report.CrcRejected += _link.Endpoint.Parser.CrcErrors - crcBase;
        report.ExceptionsCaught += _link.Endpoint.ExceptionsCaught;
        report.SamplesDropped += _link.Endpoint.FramesDropped;
    }

    private void PollOnce(FuzzReport report)
    {
        try
        {
            if (_pen.Board.ProcessorRunning)
            {
                BeforePoll?.Invoke(_link, _pen);
                _link.Poll();
            }
        }
        catch (Exception)
        {
            report.ExceptionsEscaped++;
        }
        report.MaxReceiverBytes = Math.Max(report.MaxReceiverBytes, _link.Endpoint.Parser.BufferedBytes);
        report.MaxTxPending = Math.Max(report.MaxTxPending, _link.Endpoint.PendingTxBytes);
        if (_link.Endpoint.Service.Unlocked)
        {
            report.ServiceUnlocks++;
            _link.Endpoint.Service.Lock();
        }
        if (_link.Endpoint.Service.Failures >= ServiceLock.FreeAttempts) report.LockoutsSeen++;
        int taken = _pen.Board.Serial.TakeFromPen(_sink, 0, _sink.Length);
        for (int i = 0; i < taken; i++)
        {
            if (!_replies.Feed(_sink[i])) continue;
            if (FuzzReport.IsReply(_replies.FrameType)) report.RepliesReceived++;
        }
        CheckMotor(report);
    }

    private void CheckMotor(FuzzReport report)
    {
        var s = _pen.Firmware.State;
        if (_pen.Firmware.Gate.AppliedDuty > 0f || s == PenState.Starting || s == PenState.Running) report.MotorStarts++;
    }

    // Calibration, serial, limits, cartridge usage and the key, as bytes.
    private byte[] SnapshotProtected()
    {
        var store = _pen.Firmware.Store;
        var w = new PayloadWriter();
        var buf = new byte[4096];
        w.Reset(buf, 0, buf.Length);
        if (store?.Calibration != null) CalibrationWire.Write(w, store.Calibration);
        var s = store?.Settings;
        if (s != null)
        {
            w.I32(FixedPoint.ToInt(s.DepthLimitMm, 1000f));
            w.I32(s.MaxContinuousRunSeconds);
            foreach (int r in s.RateLevels ?? Array.Empty<int>()) w.I32(r);
        }
        w.U32(store?.CartridgeRunSeconds ?? 0);
        var key = new byte[32];
        new ServiceKeyFile(_pen.Board.Pen.Storage).Read(key, 0);
        w.Bytes(key, 0, key.Length);
        return buf.AsSpan(0, w.Length).ToArray();
    }

    private long MeasureGarbageAllocation(int bytes)
    {
        var garbage = new byte[4096];
        // Warm up once so one-time initialisation (JIT, static tables) is not counted.
        _rng.NextBytes(garbage);
        _pen.Board.Serial.PushToPen(garbage, 0, 1024);
        _link.Poll();
        _pen.Board.Serial.TakeFromPen(_sink, 0, _sink.Length);
        long before = GC.GetAllocatedBytesForCurrentThread();
        uint requestsBefore = _link.Endpoint.RequestsHandled;
        for (int done = 0; done < bytes; done += 1024)
        {
            _rng.NextBytes(garbage);
            // Garbage that happens to form a valid request would be answered (and may allocate); it is not garbage then.
            _pen.Board.Serial.PushToPen(garbage, 0, 1024);
            _link.Poll();
            _pen.Board.Serial.TakeFromPen(_sink, 0, _sink.Length);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return _link.Endpoint.RequestsHandled == requestsBefore ? allocated : 0;
    }
}
