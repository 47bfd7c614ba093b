using MnPen.Client;
using MnPen.Protocol;
using PenCalibration = MnPen.Storage.Calibration;

namespace MnPen.Calibration;

/// <summary>
/// Writing a calibration as every guided procedure does: write, read back byte for byte, wait for the pen's audit entry
/// in its event log, restart so it takes effect; and the way back to the previous record exactly as it was read.
/// </summary>
public sealed class CalibrationWriter
{
    private readonly PenSession _pen;
    private readonly Action<string> _progress;

    /// <summary>A writer on a connected, unlocked pen.</summary>
    public CalibrationWriter(PenSession pen, Action<string> progress)
    {
        _pen = pen;
        _progress = progress;
    }

    /// <summary>Writes the candidate, confirms it reads back identically and is in the log, and restarts the pen on it.</summary>
    public void WriteAndRestart(PenCalibration candidate, string what)
    {
        _progress($"writing the new {what} and reading it back");
        var client = _pen.Client;
        var head = client.ReadEvents(uint.MaxValue, 0);
        uint next = head.FirstSequence + head.Total;
        client.WriteCalibration(candidate);
        if (!SameBytes(_pen.Client.ReadCalibration(), candidate))
            throw new InvalidDataException("the pen stored a calibration that reads back differently");
        WaitForAuditEntry(next, (uint)candidate.CalibratedOnDay);
        _progress($"restarting the pen so the new {what} takes effect");
        _pen.Reboot(TimeSpan.FromSeconds(30));
    }

    /// <summary>Writes the previous calibration back exactly as it was read and restarts the pen with it.</summary>
    public void Restore(PenCalibration previous)
    {
        _progress("restoring the previous calibration");
        var head = _pen.Client.ReadEvents(uint.MaxValue, 0);
        WriteWhenAtRest(previous);
        WaitForAuditEntry(head.FirstSequence + head.Total, (uint)previous.CalibratedOnDay);
        _pen.Reboot(TimeSpan.FromSeconds(30));
    }

    // A restore follows a procedure stopped at any point: a pen told to stop a moment before (or just starting when
    // interrupted) may still be braking its rotor, and its store refuses writes until the motor is at rest
    // (StoreWriteResult.RefusedMotorRunning); the restore stops it again and retries for up to 5 s.
    private void WriteWhenAtRest(PenCalibration c)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            try
            {
                _pen.Client.WriteCalibration(c);
                return;
            }
            catch (PenCommandException ex) when ((ex.Code == ErrorCode.StorageFailed || ex.Code == ErrorCode.MotorActive) && DateTime.UtcNow < deadline)
            {
                _pen.Client.Stop();
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>The calibration's wire bytes (what "byte for byte" compares).</summary>
    public static byte[] Bytes(PenCalibration c)
    {
        var buf = new byte[FrameFormat.MaxPayload];
        var w = new PayloadWriter();
        w.Reset(buf, 0, buf.Length);
        CalibrationWire.Write(w, c);
        return buf.AsSpan(0, w.Length).ToArray();
    }

    /// <summary>True if both encode to the same bytes.</summary>
    public static bool SameBytes(PenCalibration a, PenCalibration b) => Bytes(a).AsSpan().SequenceEqual(Bytes(b));

    /// <summary>A deep copy through the wire layout.</summary>
    public static PenCalibration Clone(PenCalibration c)
    {
        var r = new PayloadReader();
        var bytes = Bytes(c);
        r.Reset(bytes, 0, bytes.Length);
        return CalibrationWire.Read(r)!;
    }

    // The pen queues log entries in RAM and stores them in its idle time; a restart before that loses them, so the
    // audit entry of the write is awaited in the log itself before the pen is restarted.
    private void WaitForAuditEntry(uint fromSequence, uint day)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var e in _pen.Client.ReadEvents(fromSequence, ProtocolLimits.MaxEventsPerReply).Entries)
                if (e.Kind == (int)MnPen.Storage.EventKind.CalibrationChanged && e.Argument == day) return;
            Thread.Sleep(50);
        }
        throw new InvalidDataException("the pen did not record the calibration write in its event log within 5 s");
    }
}
