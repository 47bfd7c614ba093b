using FsCheck;
using FsCheck.Fluent;
using MnPen.Protocol;
using MnPen.VirtualPen.Serve;
using Xunit.Abstractions;

namespace MnPen.Protocol.Tests;

public class FuzzTests
{
    private readonly ITestOutputHelper _out;

    public FuzzTests(ITestOutputHelper output) => _out = output;

    /// <summary>Frames for the default run; MNPEN_FUZZ_FRAMES=1000000 gives the long run (figures in the test output).</summary>
    private static long FrameCount =>
        long.TryParse(Environment.GetEnvironmentVariable("MNPEN_FUZZ_FRAMES"), out long n) && n > 0 ? n : 100_000;

    [Fact]
    public void Random_and_mutated_frames_never_change_protected_state_start_the_motor_or_escape()
    {
        var fuzzer = new ProtocolFuzzer(seed: 20261121);
        var report = fuzzer.Run(FrameCount);
        _out.WriteLine(report.ToString());
        Console.WriteLine(report.ToString());
        Assert.Equal(FrameCount, report.Frames);
        Assert.Equal(0, report.ExceptionsEscaped);
        Assert.Equal(0, report.ExceptionsCaught);
        Assert.Equal(0, report.ProtectedStateChanges);
        Assert.Equal(0, report.ServiceUnlocks);
        Assert.Equal(0, report.MotorStarts);
        Assert.Equal(0, report.AllocatedBytesForGarbage);
        Assert.Equal(0, report.LostReplies);
        Assert.True(report.MaxReceiverBytes <= FrameFormat.MaxFrame);
        // The run must have exercised the decoders, not only the CRC check.
        Assert.True(report.RequestsDispatched > FrameCount / 10, $"only {report.RequestsDispatched} requests reached the decoders");
        Assert.True(report.ErrorReplies > 0);
    }

    [Fact]
    public void Any_byte_stream_leaves_the_endpoint_answering_and_never_calls_a_protected_operation()
    {
        Prop.ForAll((byte[][] chunks) =>
        {
            var rig = new EndpointRig(EndpointRig.Key);
            foreach (var chunk in chunks.Where(c => c != null))
            {
                rig.Port.PushToPen(chunk, 0, chunk.Length);
                rig.Endpoint.Poll();
                rig.Clock.AdvanceMs(60);
                rig.Endpoint.Poll();
                rig.Collect();
            }
            bool protectedUntouched = !rig.Handler.Calls.Any(c => c.StartsWith("WriteCalibration") || c.StartsWith("WriteSerial") ||
                                                                  c.StartsWith("Start") || c.StartsWith("WriteServiceKey") ||
                                                                  c.StartsWith($"WriteSetting {SettingId.DepthLimitUm}="));
            // After the noise (and a quiet line), a real request is answered.
            rig.Clock.AdvanceMs(100);
            rig.Endpoint.Poll();
            rig.Collect();
            var reply = rig.Exchange(MessageType.GetStatus);
            return protectedUntouched && !rig.Endpoint.Service.Unlocked &&
                   reply.Any(f => f.Type == MessageType.ReplyTo(MessageType.GetStatus));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
