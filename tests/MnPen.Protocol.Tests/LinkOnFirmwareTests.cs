using MnPen.Client;
using MnPen.Firmware.Link;
using MnPen.Protocol;
using MnPen.VirtualPen;
using MnPen.VirtualPen.Serve;

namespace MnPen.Protocol.Tests;

public class LinkOnFirmwareTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void No_setting_can_pass_a_hard_limit_even_in_service_mode()
    {
        using var pen = new ServedPen();
        using var client = PenClient.Connect(pen.Target, Timeout);
        Assert.Equal(ErrorCode.AboveHardLimit, Assert.Throws<PenCommandException>(() => client.SetSetting(SettingId.DepthTargetUm, 3000)).Code);
        Assert.Equal(ErrorCode.ServiceLocked, Assert.Throws<PenCommandException>(() => client.SetSetting(SettingId.DepthLimitUm, 2000)).Code);
        client.Unlock(DevelopmentServiceKey.Bytes);
        Assert.Equal(ErrorCode.AboveHardLimit, Assert.Throws<PenCommandException>(() => client.SetSetting(SettingId.DepthLimitUm, 3000)).Code);
        Assert.Equal(ErrorCode.AboveHardLimit, Assert.Throws<PenCommandException>(() => client.SetSetting(SettingId.RateLevel1 + 5, 200)).Code);
        var bad = Assert.Throws<PenCommandException>(() => client.SetSetting(SettingId.MaxContinuousRunSeconds, 5));
        Assert.Equal(ErrorCode.OutOfRange, bad.Code);
        Assert.Contains("10..1800", bad.Message);
        Assert.Equal(2500, client.GetSetting(SettingId.DepthLimitUm));
        Assert.Equal(150, client.GetSetting(SettingId.RateLevel1 + 5));
        // A value inside the limits is stored and in force at once.
        Assert.Equal(2000, client.SetSetting(SettingId.DepthLimitUm, 2000));
        Assert.Equal(1000, client.SetSetting(SettingId.DepthTargetUm, 1000));
        Assert.Equal(1000, client.GetStatus().DepthTargetUm);
    }

    [Fact]
    public void Serving_requests_and_streaming_telemetry_allocate_nothing_on_the_pen()
    {
        var pen = MnPen.VirtualPen.VirtualPen.Create(new VirtualPenOptions { Seed = 3 });
        pen.Boot();
        pen.RunFor(0.2);
        var link = new PenLink(pen.Firmware, pen.Board.Pen);
        var request = TestFrames.Frame(MessageType.Telemetry, 1, 200, 0);
        var status = TestFrames.Frame(MessageType.GetStatus, 2);
        var sink = new byte[8192];
        pen.Board.Serial.PushToPen(request, 0, request.Length);
        for (int i = 0; i < 50; i++) { pen.Step(); link.Poll(); pen.Board.Serial.TakeFromPen(sink, 0, sink.Length); }
        long allocated = 0;
        for (int i = 0; i < 5000; i++)
        {
            pen.Step();
            if (i % 100 == 0) pen.Board.Serial.PushToPen(status, 0, status.Length);
            long before = GC.GetAllocatedBytesForCurrentThread();
            link.Poll();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            pen.Board.Serial.TakeFromPen(sink, 0, sink.Length);
        }
        Assert.True(link.Endpoint.SamplesSent >= 900, $"only {link.Endpoint.SamplesSent} samples");
        Assert.True(link.Endpoint.RequestsHandled >= 50);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Self_test_over_the_link_reports_and_leaves_a_healthy_pen_usable()
    {
        using var pen = new ServedPen();
        using var client = PenClient.Connect(pen.Target, Timeout);
        var deadline = DateTime.UtcNow + Timeout;
        while (ProtocolSchema.StateName(client.GetStatus().State) is "Boot" or "SelfTest" && DateTime.UtcNow < deadline) Thread.Sleep(20);
        var result = client.SelfTest();
        Assert.True(result.Passed, "faults: " + string.Join(",", result.Faults));
        Thread.Sleep(200);
        var s = client.GetStatus();
        Assert.Equal(0, s.Fault);
        Assert.Contains(ProtocolSchema.StateName(s.State), new[] { "Idle", "Ready" });
    }

    [Fact]
    public void Reboot_over_the_link_restarts_the_firmware_and_the_link_answers_again()
    {
        using var pen = new ServedPen();
        using (var client = PenClient.Connect(pen.Target, Timeout))
        {
            // A restart ends every session and re-runs the self-test: a service action.
            Assert.Equal(ErrorCode.ServiceLocked, Assert.Throws<PenCommandException>(() => client.Reboot()).Code);
            client.Unlock(DevelopmentServiceKey.Bytes);
            client.Reboot();
        }
        var deadline = DateTime.UtcNow + Timeout;
        while (pen.Server.Query(p => p.FirmwareRestarts) == 0 && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.Equal(1, pen.Server.Query(p => p.FirmwareRestarts));
        using var again = PenClient.Connect(pen.Target, Timeout);
        Assert.Equal("SIM-7", again.Hello!.SerialNumber);
    }

    [Fact]
    public void A_service_fault_survives_a_reboot_over_the_link_and_clears_only_by_a_service_clear_in_service_mode()
    {
        using var pen = new ServedPen();
        int clockMismatch = (int)MnPen.Safety.FaultCode.ClockMismatch;
        pen.Server.Query(p => p.Firmware.Safety.Trip(MnPen.Safety.FaultCode.ClockMismatch));
        using (var client = PenClient.Connect(pen.Target, Timeout))
        {
            Assert.Equal(clockMismatch, client.GetStatus().Fault);
            Assert.Equal(ErrorCode.Refused, Assert.Throws<PenCommandException>(() => client.AcknowledgeFault()).Code);
            Assert.Equal(ErrorCode.ServiceLocked, Assert.Throws<PenCommandException>(() => client.ServiceClear()).Code);
            client.Unlock(DevelopmentServiceKey.Bytes);
            client.Reboot();
        }
        var deadline = DateTime.UtcNow + Timeout;
        while (pen.Server.Query(p => p.FirmwareRestarts) == 0 && DateTime.UtcNow < deadline) Thread.Sleep(20);
        using var again = PenClient.Connect(pen.Target, Timeout);
        Assert.Equal(clockMismatch, again.GetStatus().Fault);
        again.Unlock(DevelopmentServiceKey.Bytes);
        Assert.Equal(0, again.ServiceClear());   // CommandResult.Accepted
        Assert.Equal(0, again.GetStatus().Fault);
    }
}
