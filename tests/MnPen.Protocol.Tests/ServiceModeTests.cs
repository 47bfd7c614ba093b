using MnPen.Client;
using MnPen.Protocol;

namespace MnPen.Protocol.Tests;

public class ServiceModeTests
{
    private static byte[] CalibrationPayload()
    {
        var buf = new byte[FrameFormat.MaxPayload];
        var w = new PayloadWriter();
        w.Reset(buf, 0, buf.Length);
        CalibrationWire.Write(w, CodecTests.SampleCalibration());
        return buf.AsSpan(0, w.Length).ToArray();
    }

    private static byte[] SetSetting(int id, int value)
    {
        var b = new byte[5];
        b[0] = (byte)id;
        BitConverter.TryWriteBytes(b.AsSpan(1), value);
        return b;
    }

    [Fact]
    public void Protected_writes_are_refused_without_unlock_and_never_reach_the_firmware()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        Assert.Equal(ErrorCode.ServiceLocked, rig.Error(MessageType.WriteCalibration, CalibrationPayload()));
        Assert.Equal(ErrorCode.ServiceLocked, rig.Error(MessageType.SetSerialNumber, new byte[] { 1, (byte)'X' }));
        Assert.Equal(ErrorCode.ServiceLocked, rig.Error(MessageType.SetSetting, SetSetting(SettingId.DepthLimitUm, 1000)));
        Assert.Equal(ErrorCode.ServiceLocked, rig.Error(MessageType.Reboot));
        // A service clear needs the service lock: a user cannot clear a service-policy fault.
        Assert.Equal(ErrorCode.ServiceLocked, rig.Error(MessageType.ServiceClear));
        Assert.Equal(0, rig.Handler.ServiceClears);
        // Cartridge usage is read-only for everyone: the pen and the cartridge record it themselves.
        Assert.Equal(ErrorCode.NotSupported, rig.Error(MessageType.SetSetting, SetSetting(SettingId.CartridgeUsageSeconds, 0)));
        Assert.Equal(ErrorCode.AlreadyProvisioned, rig.Error(MessageType.ProvisionKey, new byte[32]));
        Assert.Empty(rig.Handler.Calls);
    }

    [Fact]
    public void User_settings_need_no_unlock()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        rig.Ok(MessageType.SetSetting, SetSetting(SettingId.RateLevel, 3));
        Assert.Equal(3, rig.Handler.RateLevel);
    }

    [Fact]
    public void The_right_answer_unlocks_and_is_logged()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        Assert.True(rig.Unlock(EndpointRig.Key));
        rig.Ok(MessageType.WriteCalibration, CalibrationPayload());
        rig.Ok(MessageType.SetSetting, SetSetting(SettingId.DepthLimitUm, 1500));
        Assert.Equal(1500, rig.Handler.DepthLimitUm);
        Assert.Contains((LinkEvent.ServiceUnlocked, 0), rig.Handler.Logged);
        Assert.Contains((LinkEvent.CalibrationWritten, 0), rig.Handler.Logged);
        Assert.Contains((LinkEvent.LimitWritten, SettingId.DepthLimitUm), rig.Handler.Logged);
    }

    [Fact]
    public void Even_in_service_mode_a_hard_limit_cannot_be_passed()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        Assert.True(rig.Unlock(EndpointRig.Key));
        Assert.Equal(ErrorCode.AboveHardLimit, rig.Error(MessageType.SetSetting, SetSetting(SettingId.DepthLimitUm, 4000)));
        Assert.Equal(2500, rig.Handler.DepthLimitUm);
    }

    [Fact]
    public void Wrong_answers_are_counted_logged_and_locked_out_with_doubling_delays()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        var wrongKey = new byte[32];
        for (int i = 0; i < ServiceLock.FreeAttempts; i++) Assert.False(rig.Unlock(wrongKey));
        Assert.Equal(ServiceLock.FreeAttempts, rig.Handler.Logged.Count(l => l.Kind == LinkEvent.ServiceUnlockFailed));
        // The lockout a failure starts is that failure's detail: 0, 0, then 30 s on the third.
        Assert.Equal(new[] { 0, 0, (int)(ServiceLock.FirstLockoutMs / 1000) },
            rig.Handler.Logged.Where(l => l.Kind == LinkEvent.ServiceUnlockFailed).Select(l => l.Detail).ToArray());
        // Locked out: even the right key is refused until the lockout ends.
        Assert.Equal(ErrorCode.RateLimited, rig.Error(MessageType.ServiceChallenge));
        rig.Clock.AdvanceMs(ServiceLock.FirstLockoutMs - 1000);
        Assert.Equal(ErrorCode.RateLimited, rig.Error(MessageType.ServiceChallenge));
        rig.Clock.AdvanceMs(2000);
        Assert.False(rig.Unlock(wrongKey));
        Assert.Equal(ServiceLock.FirstLockoutMs * 2, rig.Endpoint.Service.LockoutRemainingMs((long)(rig.Clock.NowMicros / 1000)));
        rig.Clock.AdvanceMs(ServiceLock.FirstLockoutMs * 2 + 10);
        Assert.True(rig.Unlock(EndpointRig.Key));
        Assert.Equal(0, rig.Endpoint.Service.Failures);
    }

    [Fact]
    public void A_recorded_answer_cannot_be_replayed()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        var challenge = rig.Ok(MessageType.ServiceChallenge);
        var mac = PenClient.ComputeUnlockMac(EndpointRig.Key, challenge.AsSpan(0, 16).ToArray(), rig.Handler.SerialNumber);
        rig.Ok(MessageType.ServiceUnlock, mac);
        rig.Ok(MessageType.ServiceLock);
        Assert.Equal(ErrorCode.NoChallenge, rig.Error(MessageType.ServiceUnlock, mac));
        var next = rig.Ok(MessageType.ServiceChallenge);
        Assert.False(next.AsSpan(0, 16).SequenceEqual(challenge.AsSpan(0, 16)));
        Assert.Equal(ErrorCode.AuthFailed, rig.Error(MessageType.ServiceUnlock, mac));
    }

    [Fact]
    public void A_challenge_expires_and_a_session_ends_when_idle()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        var challenge = rig.Ok(MessageType.ServiceChallenge);
        rig.Clock.AdvanceMs(ServiceLock.ChallengeLifetimeMs + 1);
        var mac = PenClient.ComputeUnlockMac(EndpointRig.Key, challenge.AsSpan(0, 16).ToArray(), rig.Handler.SerialNumber);
        Assert.Equal(ErrorCode.NoChallenge, rig.Error(MessageType.ServiceUnlock, mac));

        Assert.True(rig.Unlock(EndpointRig.Key));
        rig.Clock.AdvanceMs(ServiceLock.SessionIdleMs + 1);
        rig.Endpoint.Poll();
        Assert.False(rig.Endpoint.Service.Unlocked);
        Assert.Equal(ErrorCode.ServiceLocked, rig.Error(MessageType.WriteCalibration, CalibrationPayload()));
    }

    [Fact]
    public void Unlock_is_refused_while_the_motor_runs_and_without_a_key()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        var challenge = rig.Ok(MessageType.ServiceChallenge);
        var mac = PenClient.ComputeUnlockMac(EndpointRig.Key, challenge.AsSpan(0, 16).ToArray(), rig.Handler.SerialNumber);
        rig.Handler.Motor = true;
        Assert.Equal(ErrorCode.MotorActive, rig.Error(MessageType.ServiceUnlock, mac));
        Assert.Equal(ErrorCode.MotorActive, rig.Error(MessageType.ServiceChallenge));

        var bare = new EndpointRig(key: null);
        Assert.False(bare.Unlock(EndpointRig.Key));
        bare.Ok(MessageType.ProvisionKey, EndpointRig.Key);
        Assert.True(bare.Unlock(EndpointRig.Key));
    }
}
