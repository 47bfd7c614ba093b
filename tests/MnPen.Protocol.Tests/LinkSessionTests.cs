using MnPen.Hal.Simulator.Storage;
using MnPen.Storage;

namespace MnPen.Protocol.Tests;

/// <summary>Session and keep-alive rules of the endpoint, with a fake firmware and a hand-moved clock.</summary>
public class LinkSessionTests
{
    [Fact]
    public void The_keep_alive_stops_a_link_started_motor_after_exactly_its_timeout_and_any_request_renews_it()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        rig.Handler.StartTurnsMotor = true;
        Assert.True(rig.Unlock(EndpointRig.Key));
        rig.Ok(MessageType.Start);
        for (int i = 0; i < 10; i++)
        {
            rig.Clock.AdvanceMs(LinkSession.KeepAliveMs - 10);
            rig.Ok(MessageType.GetStatus);
        }
        Assert.True(rig.Handler.Motor);
        rig.Clock.AdvanceMs(LinkSession.KeepAliveMs);
        rig.Endpoint.Poll();
        Assert.True(rig.Handler.Motor, "stopped before the keep-alive ran out");
        rig.Clock.AdvanceMs(2);
        rig.Endpoint.Poll();
        Assert.False(rig.Handler.Motor);
        Assert.Contains((LinkEvent.LinkMotorStopped, LinkEndReason.HostSilent), rig.Handler.Logged);
    }

    [Fact]
    public void A_motor_the_button_started_is_not_the_links_to_stop()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        rig.Handler.Motor = true;
        Assert.True(rig.Handler.Motor);
        rig.Clock.AdvanceMs(10 * LinkSession.KeepAliveMs);
        rig.Endpoint.Poll();
        rig.Endpoint.LinkDropped();
        Assert.True(rig.Handler.Motor);
        Assert.DoesNotContain("Stop", rig.Handler.Calls);
    }

    [Fact]
    public void A_new_hello_stops_the_previous_sessions_motor_and_says_so()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        rig.Handler.StartTurnsMotor = true;
        Assert.True(rig.Unlock(EndpointRig.Key));
        rig.Ok(MessageType.Start);
        var hello = rig.Ok(MessageType.Hello);
        int flags = hello[8];
        Assert.Equal(PenEndpoint.HelloFlagTookOver | PenEndpoint.HelloFlagStoppedMotor | PenEndpoint.HelloFlagKeyProvisioned, flags);
        Assert.False(rig.Handler.Motor);
        Assert.False(rig.Endpoint.Service.Unlocked);
        Assert.Equal(1u, rig.Endpoint.Session.Takeovers);
    }

    [Fact]
    public void Unlock_waits_while_storage_is_held_for_the_clock_check()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        rig.Handler.BusyMs = 120;
        Assert.Equal(ErrorCode.Busy, rig.Error(MessageType.ServiceChallenge));
        Assert.Equal(ErrorCode.Busy, rig.Error(MessageType.ServiceUnlock, new byte[32]));
        Assert.Empty(rig.Handler.Logged);
        rig.Handler.BusyMs = 0;
        Assert.True(rig.Unlock(EndpointRig.Key));
    }

    [Fact]
    public void A_setting_written_while_storage_is_held_is_answered_busy_with_the_hold_left()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        rig.Handler.BusyMs = 120;
        var payload = new byte[] { (byte)SettingId.RateLevel, 2, 0, 0, 0 };
        var reply = Assert.Single(rig.Exchange(MessageType.SetSetting, payload), f => f.Type != MessageType.TelemetrySample);
        Assert.Equal(MessageType.Error, reply.Type);
        Assert.Equal(ErrorCode.Busy, reply.Payload[1]);
        Assert.Equal(120, BitConverter.ToInt32(reply.Payload, 2));   // a host waits this long before sending it again
        rig.Handler.BusyMs = 0;
        rig.Ok(MessageType.SetSetting, payload);
    }

    [Fact]
    public void A_failure_is_on_flash_before_the_answer_is_judged_so_a_cut_right_after_saves_nothing()
    {
        var flash = new SimulatedFlash();
        var guard = new LinkGuardStore(flash, new WriteGuard());
        var rig = new EndpointRig(EndpointRig.Key, guard);
        rig.Ok(MessageType.ServiceChallenge);
        int writesBefore = flash.WriteCount;
        Assert.Equal(ErrorCode.AuthFailed, rig.Error(MessageType.ServiceUnlock, new byte[32]));
        Assert.True(flash.WriteCount > writesBefore);
        var reloaded = new LinkGuardStore(flash, new WriteGuard());
        reloaded.Load(3, 30000);
        Assert.Equal(1, reloaded.Failures);
        Assert.Equal(1u, reloaded.ChallengeEpoch);

        // A fresh endpoint (a reboot) continues the count and takes the next epoch.
        var again = new EndpointRig(EndpointRig.Key, new LinkGuardStore(flash, new WriteGuard()));
        Assert.Equal(1, again.Endpoint.Service.Failures);
        again.Ok(MessageType.ServiceChallenge);
        Assert.Equal(2u, again.Endpoint.Service.Epoch);
    }

    [Fact]
    public void A_damaged_guard_record_counts_as_a_lockout()
    {
        var flash = new SimulatedFlash();
        var guard = new LinkGuardStore(flash, new WriteGuard());
        guard.Failures = 0;
        Assert.Equal(StoreWriteResult.Ok, guard.Save());
        foreach (var name in new[] { LinkGuardStore.Name + ".a", LinkGuardStore.Name + ".b" })
            if (flash.Length(name) > 0) flash.Write(name, 14, new byte[] { 0xFF, 0xEE }, 0, 2);
        var rig = new EndpointRig(EndpointRig.Key, new LinkGuardStore(flash, new WriteGuard()));
        Assert.Equal(ErrorCode.RateLimited, rig.Error(MessageType.ServiceChallenge));
    }

    [Fact]
    public void The_lockout_schedule_is_three_free_answers_then_thirty_seconds_doubling_to_an_hour()
    {
        Assert.Equal(0, ServiceLock.LockoutAfter(1));
        Assert.Equal(0, ServiceLock.LockoutAfter(2));
        Assert.Equal(30_000, ServiceLock.LockoutAfter(3));
        Assert.Equal(60_000, ServiceLock.LockoutAfter(4));
        Assert.Equal(3_600_000, ServiceLock.LockoutAfter(40));
    }
}

public class DevelopmentKeyTests
{
    [Fact]
    public void The_published_development_key_is_the_one_virtual_pens_are_provisioned_with()
    {
        Assert.Equal(MnPen.VirtualPen.Serve.DevelopmentServiceKey.Bytes, MnPen.Client.DevelopmentKey.Bytes);
        string doc = File.ReadAllText(Path.Combine(FindRoot(), "docs", "protocol.md"));
        Assert.Contains(Convert.ToHexString(MnPen.Client.DevelopmentKey.Bytes).ToLowerInvariant(), doc);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "MnPen.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }
}

public class LinkThreatModelTests
{
    [Fact]
    public void Every_test_the_threat_model_names_exists()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "MnPen.sln"))) dir = dir.Parent;
        string doc = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "safety", "link-threats.md"));
        var named = System.Text.RegularExpressions.Regex.Matches(doc, "`([A-Z][a-z]*(?:_[A-Za-z0-9]+){3,})`")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        var tests = typeof(LinkThreatModelTests).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes(typeof(FactAttribute), true).Length > 0).Select(m => m.Name).ToHashSet();
        Assert.True(named.Count >= 15, $"only {named.Count} test names found in the threat model");
        var missing = named.Where(n => !tests.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "named in docs/safety/link-threats.md but no such test: " + string.Join(", ", missing));
    }
}
