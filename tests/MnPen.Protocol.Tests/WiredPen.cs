using MnPen.Safety;
using MnPen.Client;
using MnPen.Firmware;
using MnPen.Firmware.Link;
using MnPen.Hal;
using MnPen.VirtualPen;
using MnPen.VirtualPen.Serve;

namespace MnPen.Protocol.Tests;

/// <summary>
/// A virtual pen with its own link on the simulated serial port, driven by raw frames laid out as docs/protocol.md says
/// and stepped in simulated time (the link is polled every 2 ticks, as PenServer does). A processor reset — the cable's
/// DTR, a power cut — brings up a fresh firmware and link, exactly as on the pen.
/// </summary>
internal sealed class WiredPen
{
    private readonly FrameParser _host = new();
    private PenFirmware _linkFirmware;
    private byte _seq;
    private int _tick;

    public WiredPen(ulong seed = 7, VirtualPenOptions? options = null)
    {
        Pen = MnPen.VirtualPen.VirtualPen.Create(options ?? new VirtualPenOptions { Seed = seed });
        new ServiceKeyFile(Pen.Board.Pen.Storage).Write(DevelopmentServiceKey.Bytes, 0);
        Pen.Boot();
        _linkFirmware = Pen.Firmware;
        Link = new PenLink(_linkFirmware, Pen.Board.Pen);
    }

    /// <summary>
    /// A pen whose boot clock check counts every interval strictly (the 1 kHz loop with a 100-tick check on an ideal
    /// processor): any flash write inside its window trips it, so it shows whether writes reach that window at all.
    /// </summary>
    public static WiredPen WithStrictClockCheck()
    {
        var limits = new SafetyLimits
        {
            TickPeriodMicros = 1000,
            MaxTickIntervalMicros = 3000,
            MaxTickDurationMicros = 1000,
            ClockCheckTicks = 100,
            SlowLoopMeanIntervalMicros = 2000,
            CurrentFrozenTicks = 100,
        };
        return new WiredPen(options: new VirtualPenOptions
        {
            Seed = 7,
            Platform = MnPen.Hal.Simulator.Platform.PlatformKind.Ideal,
            FirmwareFactory = b => new PenFirmware(b, limits, 1000),
        });
    }

    /// <summary>A booted pen with a technician's session: handshake done, unlocked with the development key.</summary>
    public static WiredPen Unlocked()
    {
        var pen = new WiredPen();
        pen.WaitBooted();
        pen.Hello();
        pen.Unlock();
        return pen;
    }

    public MnPen.VirtualPen.VirtualPen Pen { get; }
    public PenLink Link { get; private set; }
    public PenFirmware Firmware => Pen.Firmware;
    public string Serial => Firmware.Store!.Calibration!.SerialNumber;
    public double NowSeconds => Pen.NowSeconds;

    public void Step()
    {
        Pen.Step();
        if (!ReferenceEquals(Pen.Firmware, _linkFirmware))
        {
            _linkFirmware = Pen.Firmware;
            Link = new PenLink(_linkFirmware, Pen.Board.Pen);
        }
        if (++_tick >= PenServer.PollEveryTicks)
        {
            _tick = 0;
            if (Pen.Board.ProcessorRunning) Link.Poll();
        }
    }

    public void RunFor(double seconds)
    {
        ulong end = Pen.NowMicros + (ulong)(seconds * 1e6);
        while (Pen.NowMicros < end) Step();
    }

    /// <summary>Resets the processor as the cable's DTR line or a power cut would: no key, no command.</summary>
    public void ResetByCable() => Pen.Board.ResetProcessor(ResetCause.PowerOn);

    /// <summary>Runs until the boot self-test is over (the pen answers everything from then on).</summary>
    public void WaitBooted(double timeoutSeconds = 2)
    {
        ulong end = Pen.NowMicros + (ulong)(timeoutSeconds * 1e6);
        while (!Firmware.Safety.SelfTestDone && Pen.NowMicros < end) Step();
        Assert.True(Firmware.Safety.SelfTestDone, "the pen did not finish its self-test");
    }

    /// <summary>Sends one request and steps until its reply or Error arrives; returns (type, payload).</summary>
    public (byte Type, byte[] Payload) Send(byte type, byte[]? payload = null, double timeoutSeconds = 0.5)
    {
        byte seq = ++_seq;
        var frame = TestFrames.Frame(type, seq, payload ?? Array.Empty<byte>());
        Pen.Board.Serial.PushToPen(frame, 0, frame.Length);
        ulong end = Pen.NowMicros + (ulong)(timeoutSeconds * 1e6);
        while (Pen.NowMicros < end)
        {
            Step();
            foreach (var f in TestFrames.FeedAll(_host, Pen.Board.Serial.TakeAllFromPen(), idle: false))
                if (f.Seq == seq && f.Type != MessageType.TelemetrySample) return (f.Type, f.Payload);
        }
        throw new TimeoutException($"no answer to 0x{type:X2} within {timeoutSeconds} s");
    }

    /// <summary>Sends and expects the reply; returns its payload.</summary>
    public byte[] Ok(byte type, byte[]? payload = null)
    {
        var (t, p) = Send(type, payload);
        if (t == MessageType.Error) Assert.Fail($"0x{type:X2} refused: {ErrorText.Name(p[1])} {Message(p)}");
        return p;
    }

    /// <summary>Sends and expects an Error; returns (code, detail, message).</summary>
    public (int Code, int Detail, string Message) Error(byte type, byte[]? payload = null)
    {
        var (t, p) = Send(type, payload);
        Assert.True(t == MessageType.Error, $"0x{type:X2} was accepted; expected a refusal");
        return (p[1], BitConverter.ToInt32(p, 2), Message(p));
    }

    public static string Message(byte[] error) => error.Length > 6 ? System.Text.Encoding.ASCII.GetString(error, 7, error[6]) : "";

    public byte[] Hello() => Ok(MessageType.Hello);

    /// <summary>Asks for a challenge; retries while the pen answers Busy (self-test); returns the reply or the error code.</summary>
    public (byte[]? Nonce, int Code, int Detail) Challenge()
    {
        while (true)
        {
            var (t, p) = Send(MessageType.ServiceChallenge);
            if (t != MessageType.Error) return (p.AsSpan(0, 16).ToArray(), ErrorCode.Ok, 0);
            if (p[1] != ErrorCode.Busy) return (null, p[1], BitConverter.ToInt32(p, 2));
            RunFor(BitConverter.ToInt32(p, 2) / 1000.0);
        }
    }

    public byte[] MacFor(byte[] nonce, byte[]? key = null) => PenClient.ComputeUnlockMac(key ?? DevelopmentServiceKey.Bytes, nonce, Serial);

    /// <summary>Unlocks with the development key; returns the nonce and MAC used (a recording an attacker could make).</summary>
    public (byte[] Nonce, byte[] Mac) Unlock()
    {
        var (nonce, code, _) = Challenge();
        Assert.Equal(ErrorCode.Ok, code);
        var mac = MacFor(nonce!);
        Ok(MessageType.ServiceUnlock, mac);
        return (nonce!, mac);
    }

    public static byte[] SetSetting(int id, int value)
    {
        var b = new byte[5];
        b[0] = (byte)id;
        BitConverter.GetBytes(value).CopyTo(b, 1);
        return b;
    }

    public PenStatusData Status()
    {
        var p = Ok(MessageType.GetStatus);
        var r = new PayloadReader();
        r.Reset(p, 0, p.Length);
        var s = new PenStatusData();
        StatusCodec.ReadStatus(r, s);
        return s;
    }

    /// <summary>Every entry of a log (EventLogId), read over the link.</summary>
    public List<EventRecord> ReadLog(int log)
    {
        var all = new List<EventRecord>();
        uint from = 0;
        while (true)
        {
            var req = new byte[6];
            BitConverter.GetBytes(from).CopyTo(req, 0);
            req[4] = ProtocolLimits.MaxEventsPerReply;
            req[5] = (byte)log;
            var p = Ok(MessageType.ReadEvents, req);
            int count = p[8];
            int at = 9;
            for (int i = 0; i < count; i++, at += 18)
            {
                all.Add(new EventRecord
                {
                    Sequence = BitConverter.ToUInt32(p, at), BootNumber = BitConverter.ToUInt16(p, at + 4),
                    UptimeMs = BitConverter.ToUInt32(p, at + 6), Kind = p[at + 10], Code = BitConverter.ToUInt16(p, at + 11),
                    Argument = BitConverter.ToUInt32(p, at + 13), Repeats = p[at + 17],
                });
            }
            if (count == 0) return all;
            from = all[^1].Sequence + 1;
        }
    }
}
