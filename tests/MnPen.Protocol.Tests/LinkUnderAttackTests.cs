using MnPen.Firmware;
using MnPen.Safety;
using MnPen.Storage;
using Xunit.Abstractions;

namespace MnPen.Protocol.Tests;

/// <summary>
/// The link's properties against anyone with a cable (docs/safety/link-threats.md), each shown by attempting the attack
/// on a virtual pen with raw frames written from docs/protocol.md.
/// </summary>
public class LinkUnderAttackTests
{
    private readonly ITestOutputHelper _out;

    public LinkUnderAttackTests(ITestOutputHelper output) => _out = output;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_recorded_unlock_never_replays_across_hundreds_of_keyless_reboots(bool deadRng)
    {
        var pen = new WiredPen();
        pen.WaitBooted();
        pen.Hello();
        var recorded = pen.Unlock();
        pen.Ok(MessageType.ServiceLock);
        pen.Pen.Board.Random.Stuck = deadRng;

        const int reboots = 150;
        var seen = new HashSet<string> { Convert.ToHexString(recorded.Nonce) };
        int replayed = 0;
        for (int i = 0; i < reboots; i++)
        {
            pen.ResetByCable();
            pen.RunFor(0.002);
            pen.Hello();
            var (nonce, code, _) = pen.Challenge();
            Assert.Equal(ErrorCode.Ok, code);
            if (!seen.Add(Convert.ToHexString(nonce!)))
            {
                // A repeat would let the recording through: try it, as the attacker would.
                replayed++;
                pen.Send(MessageType.ServiceUnlock, recorded.Mac);
            }
        }
        _out.WriteLine($"{(deadRng ? "dead RNG" : "hardware RNG")}: {seen.Count - 1} distinct nonces over {reboots} keyless reboots (+1 recorded)");
        Assert.Equal(0, replayed);
        Assert.Equal(reboots + 1, seen.Count);
        Assert.Equal(ErrorCode.ServiceLocked, pen.Error(MessageType.SetSetting, WiredPen.SetSetting(SettingId.DepthLimitUm, 2000)).Code);
    }

    [Fact]
    public void Guessing_gets_three_answers_then_one_per_lockout_however_often_the_pen_is_reset()
    {
        var pen = new WiredPen();
        var rng = new Random(5);
        int answered = 0, refused = 0, resets = 0;
        double start = pen.NowSeconds;
        while (pen.NowSeconds - start < 10.0)
        {
            pen.ResetByCable();
            resets++;
            pen.RunFor(0.002);
            pen.Hello();
            var (nonce, code, _) = pen.Challenge();
            if (code == ErrorCode.RateLimited) { refused++; continue; }
            Assert.Equal(ErrorCode.Ok, code);
            for (int k = 0; k < 5; k++)
            {
                var guess = new byte[32];
                rng.NextBytes(guess);
                var (t, p) = pen.Send(MessageType.ServiceUnlock, guess);
                Assert.Equal(MessageType.Error, t);
                if (p[1] == ErrorCode.AuthFailed) answered++;
                var again = pen.Challenge();
                if (again.Code != ErrorCode.Ok) break;
            }
        }
        _out.WriteLine($"{answered} guesses judged in 10 s of simulated time over {resets} keyless resets ({refused} challenges refused by the lockout)");
        Assert.Equal(ServiceLock.FreeAttempts, answered);
        // Each exchange waits for the link's poll on the 100 Hz loop, so a reset cycle takes a few hundred ms of simulated
        // time; without the persisted guard 15 resets would have allowed 45 judged guesses.
        Assert.True(resets >= 15, $"only {resets} resets");
        Assert.Equal(ServiceLock.FreeAttempts, pen.Firmware.Store!.LinkGuard.Failures);
    }

    [Fact]
    public void A_lockout_survives_reboot_and_reconnection_and_a_reboot_never_shortens_it()
    {
        var pen = new WiredPen();
        pen.WaitBooted();
        pen.Hello();
        for (int i = 0; i < ServiceLock.FreeAttempts; i++)
        {
            var (nonce, _, _) = pen.Challenge();
            Assert.Equal(ErrorCode.AuthFailed, pen.Error(MessageType.ServiceUnlock, new byte[32]).Code);
        }
        var locked = pen.Challenge();
        Assert.Equal(ErrorCode.RateLimited, locked.Code);

        pen.Link.LinkDropped();
        pen.Hello();
        Assert.Equal(ErrorCode.RateLimited, pen.Challenge().Code);

        pen.RunFor(20);
        pen.ResetByCable();
        pen.RunFor(0.002);
        pen.Hello();
        var afterReboot = pen.Challenge();
        Assert.Equal(ErrorCode.RateLimited, afterReboot.Code);
        Assert.True(afterReboot.Detail > 29_000, $"a reboot left only {afterReboot.Detail} ms of the lockout");

        pen.RunFor(ServiceLock.FirstLockoutMs / 1000.0 + 0.5);
        var (nonce2, code2, _) = pen.Challenge();
        Assert.Equal(ErrorCode.Ok, code2);
        Assert.Equal(ErrorCode.AuthFailed, pen.Error(MessageType.ServiceUnlock, new byte[32]).Code);
        var doubled = pen.Challenge();
        Assert.Equal(ErrorCode.RateLimited, doubled.Code);
        Assert.InRange(doubled.Detail, 59_000, 60_000);
        // The right key is still the way in once the lockout is served.
        pen.RunFor(60.5);
        pen.Unlock();
        Assert.Equal(0, pen.Firmware.Store!.LinkGuard.Failures);
    }

    [Fact]
    public void A_second_connection_inherits_no_session_and_a_takeover_is_visible_and_logged()
    {
        var pen = WiredPen.Unlocked();
        pen.Ok(MessageType.SetSetting, WiredPen.SetSetting(SettingId.DepthLimitUm, 2000));

        // Tool A disconnects; keyless tool B connects.
        pen.Link.LinkDropped();
        var helloB = pen.Hello();
        Assert.Equal(0, helloB[8] & PenEndpoint.HelloFlagTookOver);
        Assert.Equal(ErrorCode.ServiceLocked, pen.Error(MessageType.SetSetting, WiredPen.SetSetting(SettingId.DepthLimitUm, 1500)).Code);

        // A technician unlocks; someone else says Hello on the same link: the session ends, and both sides can see it.
        pen.Unlock();
        var helloC = pen.Hello();
        Assert.NotEqual(0, helloC[8] & PenEndpoint.HelloFlagTookOver);
        var refused = pen.Error(MessageType.SetSetting, WiredPen.SetSetting(SettingId.DepthLimitUm, 1500));
        Assert.Equal(ErrorCode.ServiceLocked, refused.Code);
        Assert.Contains("takeover", refused.Message);
        Assert.Equal(2000, pen.Firmware.Store!.Settings.DepthLimitMm * 1000, 1);

        var security = pen.ReadLog(EventLogId.Security);
        Assert.Contains(security, e => e.Code == LinkEvent.ServiceLocked && e.Argument == LinkEndReason.LinkDropped);
        Assert.Contains(security, e => e.Code == LinkEvent.ServiceLocked && e.Argument == LinkEndReason.NewSession);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void No_keyless_client_can_latch_a_service_fault_by_writing_during_the_boot_clock_check(bool strictClockCheck)
    {
        // The pen's own check leaves out intervals a pause stretched; the strict one shows the link's deferral alone holds.
        var pen = strictClockCheck ? WiredPen.WithStrictClockCheck() : new WiredPen();
        for (int trial = 0; trial < 3; trial++)
        {
            pen.ResetByCable();
            pen.Step();
            // Within the first milliseconds of boot: handshake and three wrong answers, as fast as the link takes them.
            pen.Hello();
            int busy = 0;
            for (int i = 0; i < ServiceLock.FreeAttempts; i++)
            {
                var (t, p) = pen.Send(MessageType.ServiceChallenge);
                if (t == MessageType.Error && p[1] == ErrorCode.Busy) busy++;
                var (t2, p2) = pen.Send(MessageType.ServiceUnlock, new byte[32]);
                if (t2 == MessageType.Error && p2[1] == ErrorCode.Busy) busy++;
            }
            // A self-test on request re-runs the clock check: it must be just as safe.
            pen.WaitBooted();
            pen.Send(MessageType.SelfTest);
            pen.Send(MessageType.ServiceChallenge);
            pen.Send(MessageType.ServiceUnlock, new byte[32]);
            // A keyless setting is stored to flash too: it must wait as well.
            var (ts, ps) = pen.Send(MessageType.SetSetting, WiredPen.SetSetting(SettingId.InactivityAutoStopSeconds, 60 + trial));
            Assert.Equal(MessageType.Error, ts);
            Assert.Equal(ErrorCode.Busy, ps[1]);
            pen.RunFor(0.5);
            Assert.True(busy > 0, "the attack never reached the clock-check window");
            Assert.False(pen.Firmware.Safety.HasSeen(FaultCode.ClockMismatch), $"trial {trial}: ClockMismatch latched");
            Assert.NotEqual(PenState.Lockout, pen.Firmware.State);
        }
    }

    [Fact]
    public void Control_a_flash_write_during_the_boot_clock_check_does_latch_ClockMismatch()
    {
        // Shows the test above could fail: the same writes the link now defers, made inside the window, trip a strict check.
        var pen = WiredPen.WithStrictClockCheck();
        pen.ResetByCable();
        pen.Step();
        pen.Step();
        var store = pen.Firmware.Store!;
        // A keyless client answering as fast as the link allows writes the failure record on every loop turn; the check
        // leaves out intervals stretched by a pause, but not when most of its intervals are stretched.
        for (int i = 0; i < 200 && !pen.Firmware.Safety.SelfTestDone; i++)
        {
            store.Security.Append(EventKind.ServiceAccess, LinkEvent.ServiceUnlockFailed, 0);
            store.Security.Flush();
            store.LinkGuard.Save();
            pen.Step();
        }
        pen.WaitBooted();
        Assert.True(pen.Firmware.Safety.HasSeen(FaultCode.ClockMismatch));
    }

    [Fact]
    public void A_keyless_flood_evicts_no_security_event_and_every_failure_is_counted()
    {
        var pen = WiredPen.Unlocked();
        pen.Ok(MessageType.ServiceLock);
        var mainBefore = pen.ReadLog(EventLogId.Main);
        uint firstMain = mainBefore[0].Sequence;

        int failures = 0;
        const int resets = 300;
        for (int i = 0; i < resets; i++)
        {
            pen.ResetByCable();
            pen.RunFor(0.002);
            pen.Hello();
            var (_, code, detail) = pen.Challenge();
            if (code == ErrorCode.RateLimited && failures < 7)
            {
                // Sit out the lockout (as a patient attacker would) so the failures keep coming.
                pen.RunFor(detail / 1000.0 + 0.01);
                (_, code, _) = pen.Challenge();
            }
            if (code != ErrorCode.Ok) continue;
            if (pen.Error(MessageType.ServiceUnlock, new byte[32]).Code == ErrorCode.AuthFailed) failures++;
        }
        pen.WaitBooted();
        var security = pen.ReadLog(EventLogId.Security);
        var main = pen.ReadLog(EventLogId.Main);
        var failed = security.Where(e => e.Code == LinkEvent.ServiceUnlockFailed).ToList();
        var boots = main.Where(e => e.Kind == (int)EventKind.Boot).ToList();
        _out.WriteLine($"{failures} wrong answers -> {failed.Sum(e => e.Repeats + 1)} counted in {failed.Count} security entries; " +
                       $"{resets} resets -> {boots.Count} boot entries holding {boots.Sum(e => e.Repeats + 1)} boots; main log {main.Count} entries");
        _out.WriteLine(string.Join(" ", main.Skip(main.Count - 12).Select(e => $"{e.Kind}/{e.Code}/{e.Argument}x{e.Repeats + 1}")));
        Assert.Contains(security, e => e.Code == LinkEvent.ServiceUnlocked);
        Assert.Equal(failures, failed.Sum(e => e.Repeats + 1));
        Assert.True(failures >= 7, $"only {failures} failures");
        Assert.Equal(firstMain, main[0].Sequence);
        Assert.True(boots.Sum(e => e.Repeats + 1) >= resets);
    }

    [Fact]
    public void Settings_are_in_force_as_their_reply_says()
    {
        var pen = WiredPen.Unlocked();
        Assert.Equal(1000, BitConverter.ToInt32(pen.Ok(MessageType.SetSetting, WiredPen.SetSetting(SettingId.DepthTargetUm, 1000)), 1));
        Assert.Equal(1000, BitConverter.ToInt32(pen.Ok(MessageType.SetSetting, WiredPen.SetSetting(SettingId.DepthLimitUm, 1000)), 1));
        Assert.Equal(1000, pen.Status().DepthLimitUm);
        var deeper = pen.Error(MessageType.SetSetting, WiredPen.SetSetting(SettingId.DepthTargetUm, 1050));
        Assert.Equal(ErrorCode.AboveHardLimit, deeper.Code);
        Assert.Equal(1000, pen.Status().DepthTargetUm);

        Assert.Equal(60, BitConverter.ToInt32(pen.Ok(MessageType.SetSetting, WiredPen.SetSetting(SettingId.RateLevel1, 60)), 1));
        pen.Ok(MessageType.SetSetting, WiredPen.SetSetting(SettingId.RateLevel, 0));
        Assert.Equal(6000, pen.Status().LevelRateCenti);

        Assert.Equal(10, BitConverter.ToInt32(pen.Ok(MessageType.SetSetting, WiredPen.SetSetting(SettingId.InactivityAutoStopSeconds, 10)), 1));
        Assert.Equal(MessageType.ReplyTo(MessageType.Start), pen.Send(MessageType.Start).Type);
        double started = pen.NowSeconds;
        // The host stays alive (status at 4 Hz) but nobody touches the pen: the 10 s auto-stop must act, not a 16 s one.
        while (pen.NowSeconds - started < 16 && pen.Pen.Board.StrokeRate > 1 || pen.NowSeconds - started < 2)
        {
            pen.Status();
            pen.RunFor(0.25);
        }
        double stoppedAfter = pen.NowSeconds - started;
        _out.WriteLine($"motor stopped {stoppedAfter:0.00} s after start with a 10 s inactivity auto-stop");
        Assert.InRange(stoppedAfter, 9.5, 12.0);
    }

    [Fact]
    public void A_link_started_motor_stops_within_the_keep_alive_when_the_host_goes_silent()
    {
        var pen = WiredPen.Unlocked();
        pen.Ok(MessageType.Start);
        for (int i = 0; i < 8; i++) { pen.Status(); pen.RunFor(0.25); }
        Assert.True(pen.Pen.Board.StrokeRate > 20, "the motor should be running while the host polls");
        Assert.NotEqual(0, pen.Status().Flags & PenStatusData.FlagLinkMotor);

        double silentFrom = pen.NowSeconds;
        bool commandedOff = false;
        double offAt = 0;
        while (pen.NowSeconds - silentFrom < 3)
        {
            pen.Step();
            if (!commandedOff && !pen.Pen.Board.DriverEnabled) { commandedOff = true; offAt = pen.NowSeconds - silentFrom; }
        }
        _out.WriteLine($"driver disabled {offAt * 1000:0} ms after the host fell silent (keep-alive {LinkSession.KeepAliveMs} ms); stroke rate 3 s later {pen.Pen.Board.StrokeRate:0.0}/s");
        Assert.True(commandedOff);
        Assert.InRange(offAt, LinkSession.KeepAliveMs / 1000.0, LinkSession.KeepAliveMs / 1000.0 + 0.6);
        Assert.True(pen.Pen.Board.StrokeRate < 1);
        Assert.Contains(pen.ReadLog(EventLogId.Security), e => e.Code == LinkEvent.LinkMotorStopped && e.Argument == LinkEndReason.HostSilent);
    }

    [Fact]
    public void A_tool_that_disconnects_from_the_served_pen_leaves_no_motor_running()
    {
        using var served = new ServedPen();
        using (var client = MnPen.Client.PenClient.Connect(served.Target, TimeSpan.FromSeconds(5)))
        {
            client.Unlock(MnPen.VirtualPen.Serve.DevelopmentServiceKey.Bytes);
            client.Start();
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(3);
            while (served.Server.Query(p => p.Board.StrokeRate) < 20 && DateTime.UtcNow < until) { client.GetStatus(); Thread.Sleep(50); }
            Assert.True(served.Server.Query(p => p.Board.StrokeRate) > 20, "the motor never ran");
        }
        double closedAt = served.Server.Query(p => p.NowSeconds);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        double offAt = double.NaN;
        while (DateTime.UtcNow < deadline)
        {
            var (enabled, now) = served.Server.Query(p => (p.Board.DriverEnabled, p.NowSeconds));
            if (!enabled) { offAt = now - closedAt; break; }
            Thread.Sleep(5);
        }
        _out.WriteLine($"driver off {offAt * 1000:0} ms (simulated) after the tool closed its connection");
        Assert.InRange(offAt, 0, LinkSession.KeepAliveMs / 1000.0 + 0.3);
    }

    [Fact]
    public void A_dropped_link_stops_a_link_started_motor_at_once_but_never_one_started_by_the_button()
    {
        var pen = WiredPen.Unlocked();
        pen.Ok(MessageType.Start);
        pen.RunFor(0.5);
        pen.Status();
        Assert.True(pen.Pen.Board.StrokeRate > 5);
        pen.Link.LinkDropped();
        pen.RunFor(0.05);
        Assert.NotEqual(PenState.Running, pen.Firmware.State);
        // Drive cut at once (the driver brakes with EN low), then asleep once the rotor is still.
        Assert.Equal(0.0, pen.Pen.Board.MotorPwm.EffectiveDuty);
        pen.RunFor(0.3);
        Assert.Equal(0.0, pen.Pen.Board.RotorSpeedRadPerSec);
        Assert.False(pen.Pen.Board.DriverEnabled);

        pen.RunFor(2);
        pen.Pen.Click(MnPen.Hal.Simulator.SimButton.Start);
        pen.RunFor(1.5);
        Assert.Equal(PenState.Running, pen.Firmware.State);
        pen.Link.LinkDropped();
        pen.RunFor(3);
        Assert.Equal(PenState.Running, pen.Firmware.State);
        Assert.True(pen.Pen.Board.StrokeRate > 20);
    }

    [Fact]
    public void An_off_grid_depth_is_refused_with_a_whole_message_and_never_rounded()
    {
        var pen = new WiredPen();
        pen.WaitBooted();
        pen.Hello();
        int before = pen.Status().DepthTargetUm;
        var e = pen.Error(MessageType.SetSetting, WiredPen.SetSetting(SettingId.DepthTargetUm, 1026));
        Assert.Equal(ErrorCode.OutOfRange, e.Code);
        Assert.Contains("send 1000 or 1050", e.Message);
        Assert.True(e.Message.Length > 64, "the message must not be cut at 64 characters");
        Assert.EndsWith("(the pen never rounds a depth)", e.Message);
        Assert.Equal(before, pen.Status().DepthTargetUm);
        Assert.Equal(CommandResult.RefusedOutOfRange, pen.Firmware.SetDepthMm(1.026f));
        Assert.Equal(CommandResult.Accepted, pen.Firmware.SetDepthMm(1.05f));
    }

    [Fact]
    public void Reboot_over_the_link_needs_service_mode()
    {
        var pen = new WiredPen();
        pen.WaitBooted();
        pen.Hello();
        Assert.Equal(ErrorCode.ServiceLocked, pen.Error(MessageType.Reboot).Code);
        pen.RunFor(0.2);
        Assert.Equal(0, pen.Pen.FirmwareRestarts);
        pen.Unlock();
        pen.Ok(MessageType.Reboot);
        pen.RunFor(0.2);
        Assert.Equal(1, pen.Pen.FirmwareRestarts);
    }
}
