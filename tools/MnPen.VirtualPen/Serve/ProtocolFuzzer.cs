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
    private static readonly byte[] KnownTypes =
    {
        MessageType.Hello, MessageType.GetStatus, MessageType.GetSetting, MessageType.SetSetting, MessageType.Telemetry,
        MessageType.ReadEvents, MessageType.ReadCalibration, MessageType.WriteCalibration, MessageType.SelfTest,
        MessageType.AckFault, MessageType.Reboot, MessageType.Stop, MessageType.Start, MessageType.ServiceChallenge,
        MessageType.ServiceUnlock, MessageType.ServiceLock, MessageType.SetSerialNumber, MessageType.ProvisionKey,
    };

    private readonly Random _rng;
    private readonly VirtualPen _pen;
    private readonly byte[] _frame = new byte[FrameFormat.MaxFrame * 2];
    private readonly byte[] _payload = new byte[FrameFormat.MaxPayload + 64];
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
    }

    /// <summary>Runs the given number of frames; progress (frames done) is reported every 10,000 frames.</summary>
    public FuzzReport Run(long frames, Action<long>? progress = null)
    {
        var report = new FuzzReport { ReceiverCapacity = FrameFormat.MaxFrame };
        report.AllocatedBytesForGarbage = MeasureGarbageAllocation(1 << 20);
        _protected = SnapshotProtected();
        var started = System.Diagnostics.Stopwatch.StartNew();
        uint dispatchedBase = 0, errorsBase = 0, crcBase = 0;
        for (long i = 0; i < frames; i++)
        {
            int n = NextFrame(report);
            report.Bytes += n;
            int off = 0;
            while (off < n)
            {
                off += _pen.Board.Serial.PushToPen(_frame, off, n - off);
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
                    report.RequestsDispatched += _link.Endpoint.RequestsHandled - dispatchedBase;
                    report.ErrorReplies += _link.Endpoint.ErrorsSent - errorsBase;
                    report.CrcRejected += _link.Endpoint.Parser.CrcErrors - crcBase;
                    report.ExceptionsCaught += _link.Endpoint.ExceptionsCaught;
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
        if (!SnapshotProtected().AsSpan().SequenceEqual(_protected)) report.ProtectedStateChanges++;
        report.Frames = frames;
        report.Seconds = started.Elapsed.TotalSeconds;
        report.RequestsDispatched += _link.Endpoint.RequestsHandled - dispatchedBase;
        report.ErrorReplies += _link.Endpoint.ErrorsSent - errorsBase;
        report.CrcRejected += _link.Endpoint.Parser.CrcErrors - crcBase;
        report.ExceptionsCaught += _link.Endpoint.ExceptionsCaught;
        return report;
    }

    private void PollOnce(FuzzReport report)
    {
        try
        {
            if (_pen.Board.ProcessorRunning) _link.Poll();
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
        _pen.Board.Serial.TakeFromPen(_sink, 0, _sink.Length);
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

    private int NextFrame(FuzzReport report)
    {
        int kind = _rng.Next(10);
        if (kind < 3)
        {
            report.RandomFrames++;
            int len = _rng.Next(20) == 0 ? _rng.Next(1, 700) : _rng.Next(1, 80);
            _rng.NextBytes(_frame.AsSpan(0, len));
            // Sprinkle sync bytes so the receiver's resynchronisation paths are exercised, not just its skip loop.
            if (_rng.Next(2) == 0)
            {
                int at = _rng.Next(len);
                _frame[at] = FrameFormat.Sync0;
                if (at + 1 < len) _frame[at + 1] = FrameFormat.Sync1;
            }
            return len;
        }
        if (kind < 7)
        {
            report.MutatedFrames++;
            int n = BuildValid(KnownTypes[_rng.Next(KnownTypes.Length)]);
            return Mutate(n);
        }
        report.WellFormedRandomFrames++;
        byte type = _rng.Next(3) == 0 ? (byte)_rng.Next(256) : KnownTypes[_rng.Next(KnownTypes.Length)];
        int plen = _rng.Next(8) == 0 ? _rng.Next(0, FrameFormat.MaxPayload + 1) : _rng.Next(0, 48);
        _rng.NextBytes(_payload.AsSpan(0, plen));
        return FrameWriter.Encode(type, (byte)_rng.Next(256), _payload, 0, plen, _frame, 0);
    }

    // A plausible request of the given type (right layout, random values).
    private int BuildValid(byte type)
    {
        var w = new PayloadWriter();
        w.Reset(_payload, 0, FrameFormat.MaxPayload);
        switch (type)
        {
            case MessageType.Hello: w.U16(ProtocolSchema.Version); break;
            case MessageType.GetSetting: w.U8(SettingTable.Ids[_rng.Next(SettingTable.Ids.Length)]); break;
            case MessageType.SetSetting: w.U8(SettingTable.Ids[_rng.Next(SettingTable.Ids.Length)]); w.I32(_rng.Next(-5000, 5000)); break;
            case MessageType.Telemetry: w.U16(_rng.Next(0, 300)); break;
            case MessageType.ReadEvents: w.U32((uint)_rng.Next(0, 300)); w.U8(_rng.Next(0, 40)); break;
            case MessageType.ServiceUnlock:
            case MessageType.ProvisionKey:
                for (int i = 0; i < 32; i++) w.U8(_rng.Next(256));
                break;
            case MessageType.SetSerialNumber: w.Str("FUZZ-" + _rng.Next(100000)); break;
            case MessageType.WriteCalibration:
                if (_pen.Firmware.Store?.Calibration is { } c) CalibrationWire.Write(w, c);
                break;
        }
        return FrameWriter.Encode(type, (byte)_rng.Next(256), _payload, 0, w.Length, _frame, 0);
    }

    private int Mutate(int n)
    {
        int mutations = 1 + _rng.Next(4);
        for (int m = 0; m < mutations && n > 0; m++)
        {
            switch (_rng.Next(6))
            {
                case 0: _frame[_rng.Next(n)] ^= (byte)(1 << _rng.Next(8)); break;
                case 1: _frame[_rng.Next(n)] = (byte)_rng.Next(256); break;
                case 2:
                    if (n < _frame.Length - 1)
                    {
                        int at = _rng.Next(n + 1);
                        Array.Copy(_frame, at, _frame, at + 1, n - at);
                        _frame[at] = (byte)_rng.Next(256);
                        n++;
                    }
                    break;
                case 3:
                    {
                        int at = _rng.Next(n);
                        Array.Copy(_frame, at + 1, _frame, at, n - at - 1);
                        n--;
                    }
                    break;
                case 4: n = _rng.Next(n); break;
                case 5:
                    {
                        int len = Math.Min(n, _frame.Length - n);
                        int from = _rng.Next(n - len + 1);
                        Array.Copy(_frame, from, _frame, n, len);
                        n += len;
                    }
                    break;
            }
        }
        return n;
    }
}
