using MnPen.Protocol;
using MnPen.Storage;

namespace MnPen.VirtualPen.Serve;

/// <summary>
/// Fuzz input for the pen's link, one unit at a time: random bytes (with sync bytes sprinkled in), mutated plausible
/// requests (CRC not repaired) and well-formed frames of random type and payload. Shared by the in-process and the
/// served fuzz so both throw the same mix.
/// </summary>
public sealed class FuzzFrameSource
{
    private static readonly byte[] KnownTypes =
    {
        MessageType.Hello, MessageType.GetStatus, MessageType.GetSetting, MessageType.SetSetting, MessageType.Telemetry,
        MessageType.ReadEvents, MessageType.ReadCalibration, MessageType.WriteCalibration, MessageType.SelfTest,
        MessageType.AckFault, MessageType.Reboot, MessageType.Stop, MessageType.Start, MessageType.ServiceChallenge,
        MessageType.ServiceUnlock, MessageType.ServiceLock, MessageType.SetSerialNumber, MessageType.ProvisionKey,
    };

    private readonly Random _rng;
    private readonly Func<Calibration?> _calibration;
    private readonly byte[] _payload = new byte[FrameFormat.MaxPayload + 64];

    /// <summary>Draws from rng; calibration supplies the (valid) calibration that WriteCalibration requests start from.</summary>
    public FuzzFrameSource(Random rng, Func<Calibration?> calibration)
    {
        _rng = rng;
        _calibration = calibration;
    }

    /// <summary>The unit last built by <see cref="Next"/> (its first bytes).</summary>
    public byte[] Frame { get; } = new byte[FrameFormat.MaxFrame * 2];

    /// <summary>Builds the next input into <see cref="Frame"/> and returns its length; counts its kind in report.</summary>
    public int Next(FuzzReport report)
    {
        int kind = _rng.Next(10);
        if (kind < 3)
        {
            report.RandomFrames++;
            int len = _rng.Next(20) == 0 ? _rng.Next(1, 700) : _rng.Next(1, 80);
            _rng.NextBytes(Frame.AsSpan(0, len));
            // Sprinkle sync bytes so the receiver's resynchronisation paths are exercised, not just its skip loop.
            if (_rng.Next(2) == 0)
            {
                int at = _rng.Next(len);
                Frame[at] = FrameFormat.Sync0;
                if (at + 1 < len) Frame[at + 1] = FrameFormat.Sync1;
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
        return FrameWriter.Encode(type, (byte)_rng.Next(256), _payload, 0, plen, Frame, 0);
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
                if (_calibration() is { } c) CalibrationWire.Write(w, c);
                break;
        }
        return FrameWriter.Encode(type, (byte)_rng.Next(256), _payload, 0, w.Length, Frame, 0);
    }

    private int Mutate(int n)
    {
        int mutations = 1 + _rng.Next(4);
        for (int m = 0; m < mutations && n > 0; m++)
        {
            switch (_rng.Next(6))
            {
                case 0: Frame[_rng.Next(n)] ^= (byte)(1 << _rng.Next(8)); break;
                case 1: Frame[_rng.Next(n)] = (byte)_rng.Next(256); break;
                case 2:
                    if (n < Frame.Length - 1)
                    {
                        int at = _rng.Next(n + 1);
                        Array.Copy(Frame, at, Frame, at + 1, n - at);
                        Frame[at] = (byte)_rng.Next(256);
                        n++;
                    }
                    break;
                case 3:
                    {
                        int at = _rng.Next(n);
                        Array.Copy(Frame, at + 1, Frame, at, n - at - 1);
                        n--;
                    }
                    break;
                case 4: n = _rng.Next(n); break;
                case 5:
                    {
                        int len = Math.Min(n, Frame.Length - n);
                        int from = _rng.Next(n - len + 1);
                        Array.Copy(Frame, from, Frame, n, len);
                        n += len;
                    }
                    break;
            }
        }
        return n;
    }
}
