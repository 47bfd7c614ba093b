using System.Security.Cryptography;
using MnPen.Client.Transports;
using MnPen.Protocol;
using MnPen.Storage;

namespace MnPen.Client;

/// <summary>
/// Host side of the pen protocol over any <see cref="ITransport"/>: handshake with a compatibility check, requests
/// with timeouts, replies matched by sequence byte, telemetry samples queued as they arrive. One caller at a time.
/// </summary>
public sealed class PenClient : IDisposable
{
    /// <summary>Default time to wait for a reply.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    private readonly ITransport _transport;
    private readonly FrameParser _parser = new();
    private readonly byte[] _rx = new byte[1024];
    private readonly byte[] _tx = new byte[FrameFormat.MaxFrame];
    private readonly Queue<ReceivedFrame> _pending = new();
    private readonly Queue<TelemetrySample> _samples = new();
    private byte _seq;

    /// <summary>Wraps a connected transport (the client owns and disposes it).</summary>
    public PenClient(ITransport transport, TimeSpan? timeout = null)
    {
        _transport = transport;
        Timeout = timeout ?? DefaultTimeout;
    }

    /// <summary>Time to wait for each reply.</summary>
    public TimeSpan Timeout { get; set; }

    /// <summary>The target this client talks to.</summary>
    public string Target => _transport.Target;

    /// <summary>The pen's handshake (after <see cref="Handshake"/>).</summary>
    public PenHello? Hello { get; private set; }

    /// <summary>Most telemetry samples kept unread before the oldest are discarded.</summary>
    public int MaxQueuedSamples { get; set; } = 10000;

    /// <summary>Opens a target URI, handshakes and checks compatibility; throws with advice on any failure.</summary>
    public static PenClient Connect(string target, TimeSpan? timeout = null, bool requireCompatible = true)
    {
        var t = timeout ?? DefaultTimeout;
        var transport = TargetUri.Open(target, t);
        var client = new PenClient(transport, t);
        try
        {
            client.Handshake(requireCompatible);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Exchanges Hello; throws <see cref="PenIncompatibleException"/> if the pen speaks another schema.</summary>
    public PenHello Handshake(bool requireCompatible = true)
    {
        var w = NewWriter(out var buf);
        w.U16(ProtocolSchema.Version);
        byte[] reply = Request(MessageType.Hello, buf, w.Length);
        var r = new PayloadReader();
        r.Reset(reply, 0, reply.Length);
        int version = r.U16();
        uint hash = r.U32();
        int maxPayload = r.U16();
        int flags = r.U8();
        string fw = r.Str();
        string serial = r.Str();
        if (r.Error) throw new PenUnavailableException($"{Target} answered the handshake with a malformed reply — is it an MnPen?");
        var hello = new PenHello(version, hash, maxPayload, (flags & PenEndpoint.HelloFlagUnlocked) != 0,
            (flags & PenEndpoint.HelloFlagKeyProvisioned) != 0, fw, serial,
            (flags & PenEndpoint.HelloFlagTookOver) != 0, (flags & PenEndpoint.HelloFlagStoppedMotor) != 0);
        Hello = hello;
        if (requireCompatible)
        {
            if (version != ProtocolSchema.Version)
                throw new PenIncompatibleException(
                    $"pen {serial} at {Target} speaks protocol v{version}, this tool v{ProtocolSchema.Version}: " +
                    "update mnpen or the pen's firmware so they match.", hello);
            if (hash != ProtocolSchema.Hash)
                throw new PenIncompatibleException(
                    $"pen {serial} at {Target} (firmware {fw}) has protocol schema {hash:x8}, this tool {ProtocolSchema.Hash:x8}: " +
                    "they were built from different protocol definitions; use the mnpen that matches the firmware.", hello);
        }
        return hello;
    }

    /// <summary>Reads the status snapshot.</summary>
    public PenStatusData GetStatus()
    {
        byte[] reply = Request(MessageType.GetStatus, Array.Empty<byte>(), 0);
        var s = new PenStatusData();
        var r = Reader(reply);
        StatusCodec.ReadStatus(r, s);
        Check(r, "status");
        return s;
    }

    /// <summary>Reads a setting in wire units.</summary>
    public int GetSetting(int id)
    {
        var w = NewWriter(out var buf);
        w.U8(id);
        var r = Reader(Request(MessageType.GetSetting, buf, w.Length));
        r.U8();
        int v = r.I32();
        Check(r, "setting");
        return v;
    }

    /// <summary>Writes a setting; returns the value now in effect.</summary>
    public int SetSetting(int id, int value)
    {
        var w = NewWriter(out var buf);
        w.U8(id);
        w.I32(value);
        var r = Reader(RequestWhenReady(MessageType.SetSetting, buf, w.Length));
        r.U8();
        int v = r.I32();
        Check(r, "setting");
        return v;
    }

    /// <summary>Starts telemetry at hz samples/s (0 stops it); returns the rate the pen accepted.</summary>
    public int SetTelemetry(int hz)
    {
        var w = NewWriter(out var buf);
        w.U16(hz);
        var r = Reader(Request(MessageType.Telemetry, buf, w.Length));
        int accepted = r.U16();
        Check(r, "telemetry");
        if (hz == 0) _samples.Clear();
        return accepted;
    }

    /// <summary>Waits up to timeout for the next telemetry sample; null on timeout.</summary>
    public TelemetrySample? ReadSample(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_samples.Count == 0)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) return null;
            Pump(left);
        }
        return _samples.Dequeue();
    }

    /// <summary>Reads up to max entries of a log (EventLogId; the event log by default) from a sequence number (0 = oldest held).</summary>
    public EventPage ReadEvents(uint fromSequence, int max, int log = EventLogId.Main)
    {
        var w = NewWriter(out var buf);
        w.U32(fromSequence);
        w.U8(Math.Clamp(max, 0, ProtocolLimits.MaxEventsPerReply));
        if (log != EventLogId.Main) w.U8(log);
        var r = Reader(Request(MessageType.ReadEvents, buf, w.Length));
        uint total = r.U32();
        uint first = r.U32();
        int count = r.U8();
        var list = new List<EventRecord>();
        for (int i = 0; i < count; i++)
        {
            list.Add(new EventRecord
            {
                Sequence = r.U32(), BootNumber = r.U16(), UptimeMs = r.U32(), Kind = r.U8(), Code = r.U16(), Argument = r.U32(), Repeats = r.U8(),
            });
        }
        Check(r, "event log");
        return new EventPage(total, first, list);
    }

    /// <summary>Reads the pen's calibration.</summary>
    public Calibration ReadCalibration()
    {
        var r = Reader(Request(MessageType.ReadCalibration, Array.Empty<byte>(), 0));
        var c = CalibrationWire.Read(r);
        if (c == null || r.Error) throw new PenUnavailableException($"{Target} sent a malformed calibration — versions differ? check `mnpen status`");
        return c;
    }

    /// <summary>Writes a calibration (service mode needed).</summary>
    public void WriteCalibration(Calibration calibration)
    {
        var w = NewWriter(out var buf);
        CalibrationWire.Write(w, calibration);
        if (w.Overflow) throw new ArgumentException("calibration does not fit in one frame (too many table points or long ids)");
        RequestWhenReady(MessageType.WriteCalibration, buf, w.Length);
    }

    /// <summary>Runs the pen's self-test.</summary>
    public SelfTestOutcome SelfTest()
    {
        var r = Reader(Request(MessageType.SelfTest, Array.Empty<byte>(), 0));
        bool passed = r.U8() != 0;
        int n = r.U8();
        var faults = new List<int>();
        for (int i = 0; i < n; i++) faults.Add(r.U16());
        Check(r, "self-test");
        return new SelfTestOutcome(passed, faults);
    }

    /// <summary>Acknowledges the active fault; returns the CommandResult number.</summary>
    public int AcknowledgeFault() => Reader(Request(MessageType.AckFault, Array.Empty<byte>(), 0)).U8();

    /// <summary>Technician's clear (needs service mode): clears latched faults whose cause is gone, service-policy ones included; returns the CommandResult number.</summary>
    public int ServiceClear() => Reader(Request(MessageType.ServiceClear, Array.Empty<byte>(), 0)).U8();

    /// <summary>Stops the motor; returns the CommandResult number.</summary>
    public int Stop() => Reader(Request(MessageType.Stop, Array.Empty<byte>(), 0)).U8();

    /// <summary>Asks the pen to start (service mode); returns the CommandResult number.</summary>
    public int Start() => Reader(Request(MessageType.Start, Array.Empty<byte>(), 0)).U8();

    /// <summary>Reboots the pen.</summary>
    public void Reboot() => Request(MessageType.Reboot, Array.Empty<byte>(), 0);

    /// <summary>Enters service mode with the pen's 32-byte key (challenge, HMAC answer).</summary>
    public void Unlock(byte[] key)
    {
        if (key.Length != ProtocolLimits.KeyLength) throw new ArgumentException("the service key must be 32 bytes (64 hex digits)");
        var r = Reader(RequestWhenReady(MessageType.ServiceChallenge, Array.Empty<byte>(), 0));
        byte[] nonce = new byte[ProtocolLimits.NonceLength];
        r.Bytes(nonce, 0, nonce.Length);
        Check(r, "challenge");
        string serial = Hello?.SerialNumber ?? Handshake(false).SerialNumber;
        byte[] mac = ComputeUnlockMac(key, nonce, serial);
        RequestWhenReady(MessageType.ServiceUnlock, mac, mac.Length);
    }

    /// <summary>The unlock answer, computed with .NET's HMAC-SHA-256 (independent of the pen's implementation).</summary>
    public static byte[] ComputeUnlockMac(byte[] key, byte[] nonce, string serial)
    {
        var msg = new List<byte>();
        msg.AddRange(System.Text.Encoding.ASCII.GetBytes(ServiceLock.MacLabel));
        msg.AddRange(nonce);
        msg.AddRange(System.Text.Encoding.ASCII.GetBytes(serial));
        return HMACSHA256.HashData(key, msg.ToArray());
    }

    /// <summary>Leaves service mode.</summary>
    public void Lock() => Request(MessageType.ServiceLock, Array.Empty<byte>(), 0);

    /// <summary>Writes the pen's serial number (service mode).</summary>
    public void SetSerialNumber(string serial)
    {
        var w = NewWriter(out var buf);
        w.Str(serial);
        RequestWhenReady(MessageType.SetSerialNumber, buf, w.Length);
    }

    /// <summary>Stores the pen's service key (first time, or in service mode).</summary>
    public void ProvisionKey(byte[] key)
    {
        if (key.Length != ProtocolLimits.KeyLength) throw new ArgumentException("the service key must be 32 bytes");
        RequestWhenReady(MessageType.ProvisionKey, key, key.Length);
    }

    /// <summary>Most times a request answered Busy is sent again before the Busy error reaches the caller.</summary>
    public const int BusyRetries = 10;

    /// <summary>
    /// <see cref="Request"/> for a request that writes flash: a pen in the first ~150 ms after boot answers it Busy (its
    /// self-test's clock cross-check must not see a flash write stall the processor; docs/protocol.md), and a request
    /// answered Busy did nothing, so it is sent again after the detail's milliseconds, up to <see cref="BusyRetries"/> times.
    /// </summary>
    public byte[] RequestWhenReady(byte type, byte[] payload, int length)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return Request(type, payload, length);
            }
            catch (PenCommandException e) when (e.Code == ErrorCode.Busy && attempt < BusyRetries)
            {
                // The detail is the hold left; a pen that gave none is asked again after a third of the ~150 ms hold.
                Thread.Sleep(e.Detail > 0 ? Math.Min(e.Detail, 500) : 50);
            }
        }
    }

    /// <summary>
    /// Sends a request and waits for its reply (matched by sequence byte); returns the reply payload.
    /// Throws <see cref="PenCommandException"/> on an Error frame, <see cref="PenUnavailableException"/> on timeout.
    /// </summary>
    public byte[] Request(byte type, byte[] payload, int length)
    {
        byte seq = ++_seq;
        int n = FrameWriter.Encode(type, seq, payload, 0, length, _tx, 0);
        if (n == 0) throw new ArgumentException($"payload of {length} bytes exceeds the protocol's {FrameFormat.MaxPayload}");
        _transport.Write(_tx, 0, n);
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            while (_pending.Count > 0)
            {
                var f = _pending.Dequeue();
                if (f.Seq != seq) continue; // a late reply to an earlier, timed-out request
                if (f.Type == MessageType.ReplyTo(type)) return f.Payload;
                if (f.Type == MessageType.Error)
                {
                    var r = Reader(f.Payload);
                    byte req = (byte)r.U8();
                    int code = r.U8();
                    int detail = r.I32();
                    string? reason = r.Remaining > 0 ? r.Text(ProtocolLimits.MaxMessageLength) : null;
                    throw new PenCommandException(req, code, detail, reason);
                }
            }
            var left = deadline - DateTime.UtcNow;
            if (left > TimeSpan.FromMilliseconds(100)) left = TimeSpan.FromMilliseconds(100);
            if (deadline <= DateTime.UtcNow)
            {
                string name = ProtocolSchema.Find(type)?.Name ?? $"0x{type:X2}";
                throw new PenUnavailableException(
                    $"no reply to {name} from {Target} within {Timeout.TotalSeconds:0.#} s — is it an MnPen, powered and not busy? " +
                    "(for a virtual pen: is `mnpen sim --serve` running?)");
            }
            Pump(left);
        }
    }

    // Reads whatever arrives within timeout and sorts complete frames into replies and samples.
    private void Pump(TimeSpan timeout)
    {
        int n = _transport.Read(_rx, 0, _rx.Length, timeout);
        if (n == 0 && _parser.BufferedBytes > 0 && _parser.Flush())
        {
            // Quiet line in the middle of a candidate frame: it was a false start; rescan what was held.
            Take();
            while (_parser.Drain()) Take();
        }
        for (int i = 0; i < n; i++)
        {
            if (!_parser.Feed(_rx[i])) continue;
            Take();
            while (_parser.Drain()) Take();
        }
    }

    private void Take()
    {
        var payload = new byte[_parser.PayloadLength];
        Array.Copy(_parser.Buffer, _parser.PayloadOffset, payload, 0, payload.Length);
        if (_parser.FrameType == MessageType.TelemetrySample)
        {
            var s = new PenStatusData();
            var r = Reader(payload);
            StatusCodec.ReadSample(r, s);
            if (r.Error) return;
            if (_samples.Count >= MaxQueuedSamples) _samples.Dequeue();
            _samples.Enqueue(new TelemetrySample(_parser.FrameSeq, s));
            return;
        }
        _pending.Enqueue(new ReceivedFrame(_parser.FrameType, _parser.FrameSeq, payload));
    }

    private static PayloadWriter NewWriter(out byte[] buffer)
    {
        buffer = new byte[FrameFormat.MaxPayload];
        var w = new PayloadWriter();
        w.Reset(buffer, 0, buffer.Length);
        return w;
    }

    private static PayloadReader Reader(byte[] payload)
    {
        var r = new PayloadReader();
        r.Reset(payload, 0, payload.Length);
        return r;
    }

    private void Check(PayloadReader r, string what)
    {
        if (r.Error) throw new PenUnavailableException($"{Target} sent a malformed {what} reply — tool and pen versions differ? check `mnpen status`");
    }

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();
}
