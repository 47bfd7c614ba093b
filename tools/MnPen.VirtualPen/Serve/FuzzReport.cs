namespace MnPen.VirtualPen.Serve;

/// <summary>Figures of a protocol fuzz run against the firmware's link (see <see cref="ProtocolFuzzer"/>).</summary>
public sealed class FuzzReport
{
    /// <summary>Frames (random, mutated or structurally valid) sent.</summary>
    public long Frames { get; set; }
    /// <summary>Bytes sent.</summary>
    public long Bytes { get; set; }
    /// <summary>Random-byte frames.</summary>
    public long RandomFrames { get; set; }
    /// <summary>Mutated valid frames (CRC not repaired).</summary>
    public long MutatedFrames { get; set; }
    /// <summary>Frames with a correct CRC but random type and payload.</summary>
    public long WellFormedRandomFrames { get; set; }
    /// <summary>Wall time of the run, seconds.</summary>
    public double Seconds { get; set; }
    /// <summary>Requests the endpoint dispatched (CRC-valid frames of request types).</summary>
    public long RequestsDispatched { get; set; }
    /// <summary>Error replies the pen sent.</summary>
    public long ErrorReplies { get; set; }
    /// <summary>Frames the receiver dropped for a bad CRC.</summary>
    public long CrcRejected { get; set; }
    /// <summary>Exceptions that escaped Poll (must be 0).</summary>
    public long ExceptionsEscaped { get; set; }
    /// <summary>Exceptions the endpoint caught around handler calls (must be 0: each is a firmware bug).</summary>
    public long ExceptionsCaught { get; set; }
    /// <summary>Changes of protected state: calibration, serial, limits, cartridge usage, service key (must be 0).</summary>
    public long ProtectedStateChanges { get; set; }
    /// <summary>Times service mode was found unlocked (must be 0: no fuzz frame knows the key).</summary>
    public long ServiceUnlocks { get; set; }
    /// <summary>Steps at which the motor was driven or the pen was starting or running (must be 0).</summary>
    public long MotorStarts { get; set; }
    /// <summary>Largest number of bytes the frame receiver held (its fixed capacity bounds it).</summary>
    public int MaxReceiverBytes { get; set; }
    /// <summary>Fixed capacity of the frame receiver, bytes.</summary>
    public int ReceiverCapacity { get; set; }
    /// <summary>Largest send backlog in the endpoint, bytes.</summary>
    public int MaxTxPending { get; set; }
    /// <summary>Bytes allocated by the link while it parsed 1 MB of random garbage (must be 0).</summary>
    public long AllocatedBytesForGarbage { get; set; }
    /// <summary>Reboots requested by well-formed random Reboot frames (allowed: a stopped pen may be rebooted).</summary>
    public long Reboots { get; set; }
    /// <summary>Polls during which unlocking was locked out by failed answers from random frames (rate limiting at work).</summary>
    public long LockoutsSeen { get; set; }

    /// <summary>What carried the frames: the link in process, or a served virtual pen over loopback TCP.</summary>
    public string Transport { get; set; } = "";
    /// <summary>Replies (answers and Error frames, not telemetry samples) the fuzzing host received.</summary>
    public long RepliesReceived { get; set; }
    /// <summary>Requests the pen handled whose reply never reached the host (must be 0).</summary>
    public long LostReplies { get; set; }
    /// <summary>Times the connection to a served pen dropped while the fuzz ran (must be 0; always 0 in process).</summary>
    public long DroppedConnections { get; set; }
    /// <summary>Telemetry samples the pen dropped because the host had not read the earlier ones (allowed: samples are dropped, never replies).</summary>
    public long SamplesDropped { get; set; }

    /// <summary>True for a frame type the pen sends in answer to a request (a reply or an Error, not a telemetry sample).</summary>
    public static bool IsReply(byte type) =>
        type == MnPen.Protocol.MessageType.Error ||
        ((type & MnPen.Protocol.MessageType.ReplyFlag) != 0 && type != MnPen.Protocol.MessageType.TelemetrySample);

    /// <summary>True when every safety and link figure is zero.</summary>
    public bool Passed => LostReplies == 0 && DroppedConnections == 0 && ExceptionsEscaped == 0 && ExceptionsCaught == 0 && ProtectedStateChanges == 0 && ServiceUnlocks == 0 &&
                          MotorStarts == 0 && AllocatedBytesForGarbage == 0 && MaxReceiverBytes <= ReceiverCapacity;

    /// <summary>True when only the link figures were measured (a served pen: safety figures come from the in-process run).</summary>
    public bool LinkFiguresOnly { get; set; }

    /// <summary>One-paragraph summary for logs and reports.</summary>
    public override string ToString() => LinkFiguresOnly
        ? $"fuzz ({Transport}): frames={Frames} (random={RandomFrames} mutated={MutatedFrames} wellformed={WellFormedRandomFrames}) bytes={Bytes} " +
          $"time={Seconds:0.0}s rate={(Seconds > 0 ? Frames / Seconds : 0):0} frames/s dispatched={RequestsDispatched} replies={RepliesReceived} " +
          $"lostReplies={LostReplies} droppedConnections={DroppedConnections} reboots={Reboots} samplesDropped={SamplesDropped} " +
          $"serverFailed={ExceptionsEscaped} => {(Passed ? "PASS" : "FAIL")}"
        : $"fuzz ({Transport}): frames={Frames} (random={RandomFrames} mutated={MutatedFrames} wellformed={WellFormedRandomFrames}) bytes={Bytes} " +
        $"time={Seconds:0.0}s rate={(Seconds > 0 ? Frames / Seconds : 0):0} frames/s dispatched={RequestsDispatched} errors={ErrorReplies} crcRejected={CrcRejected} " +
        $"exceptions={ExceptionsEscaped} caught={ExceptionsCaught} protectedStateChanges={ProtectedStateChanges} serviceUnlocks={ServiceUnlocks} " +
        $"motorStarts={MotorStarts} maxReceiverBytes={MaxReceiverBytes}/{ReceiverCapacity} maxTxPending={MaxTxPending} " +
        $"allocatedOnGarbage={AllocatedBytesForGarbage}B reboots={Reboots} lockouts={LockoutsSeen} " +
        $"replies={RepliesReceived} lostReplies={LostReplies} droppedConnections={DroppedConnections} samplesDropped={SamplesDropped} => {(Passed ? "PASS" : "FAIL")}";
}
