namespace MnPen.Cli.Technician;

/// <summary>What `mnpen monitor` received: samples, the samples lost on the link (gaps in the sequence), and its summary line.</summary>
public sealed class MonitorTally
{
    private int? _lastSeq;

    /// <summary>Samples received.</summary>
    public long Samples { get; private set; }

    /// <summary>Samples the pen sent that never arrived (the 8-bit sequence skipped them).</summary>
    public long Lost { get; private set; }

    /// <summary>Counts a received sample by its sequence number.</summary>
    public void Add(int seq)
    {
        if (_lastSeq is int prev) Lost += (byte)(seq - prev - 1);
        _lastSeq = seq;
        Samples++;
    }

    /// <summary>The summary printed at the end (on stderr), however the monitoring ended; stoppedBy names a signal, or null.</summary>
    public string Summary(SampleRecorder? recorder, string? stoppedBy) =>
        "mnpen monitor: " + (stoppedBy != null ? $"stopped by {stoppedBy}; " : "") + $"{Samples} samples, {Lost} lost on the link" +
        (recorder != null ? $", {recorder.Count} recorded in {recorder.Path}" : "");
}
