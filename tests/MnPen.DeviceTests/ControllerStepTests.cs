using MnPen.Firmware;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>One control step of the rate controller and the tick scheduler's overrun accounting, on the device runtime.</summary>
    [TestClass]
    public class ControllerStepTests
    {
        // The pen's control period: 10 ms, one FreeRTOS tick of nanoFramework's ESP32 build.
        private const int Period = PenFirmware.TickPeriodMicros;
        private const float Dt = Period * 1e-6f;

        private static RateController Configured()
        {
            var rc = new RateController();
            bool ok = rc.Configure(new float[] { 50f, 100f, 150f }, new float[] { 0.30f, 0.55f, 0.80f }, 7.4f, 0f, 0f);
            Assert.IsTrue(ok, "a monotonic table must be accepted");
            return rc;
        }

        [TestMethod]
        public void Unconfigured_controller_never_drives_the_motor()
        {
            var rc = new RateController();
            Assert.AreEqual(0f, rc.Update(Dt, 100f, 0f, 7.4f, 1f));
        }

        [TestMethod]
        public void Soft_start_ramps_the_set_point_instead_of_jumping_to_the_target()
        {
            var rc = Configured();
            float duty = rc.Update(Dt, 150f, 0f, 7.4f, 1f);
            Assert.IsTrue(rc.Setpoint < 150f, "one 10 ms step must not reach 150 strokes/s");
            Assert.IsTrue(duty > 0f && duty < 0.80f, "duty starts between off and the full feed-forward");
        }

        [TestMethod]
        public void Duty_never_exceeds_the_supervisor_limit()
        {
            var rc = Configured();
            float duty = 0f;
            for (int i = 0; i < 200; i++) duty = rc.Update(Dt, 150f, 0f, 6.4f, 0.5f);
            Assert.IsTrue(duty <= 0.5f, "limit 0.5 must hold even with the rate far below target");
        }

        [TestMethod]
        public void Lower_battery_asks_for_more_feed_forward_duty()
        {
            var rc = Configured();
            Assert.IsTrue(rc.FeedForward(100f, 6.4f) > rc.FeedForward(100f, 8.4f));
        }

        [TestMethod]
        public void Tick_longer_than_the_period_counts_as_an_overrun()
        {
            var s = new TickScheduler(Period);
            s.Begin(0); s.End(3000);
            s.Begin(Period); s.End(Period + Period);
            Assert.AreEqual(0u, s.Overruns, "a tick of exactly one period is not an overrun");
            s.Begin(2 * Period); s.End(2 * Period + Period + 1500);
            Assert.AreEqual(1u, s.Overruns);
            Assert.AreEqual(Period + 1500, s.MaxDurationMicros);
        }

        [TestMethod]
        public void Late_tick_skips_missed_periods_instead_of_bursting()
        {
            var s = new TickScheduler(Period);
            s.Begin(0); s.End(1000);
            s.Begin(4 * Period + 2000); s.End(4 * Period + 3000);
            Assert.AreEqual(3u, s.MissedPeriods);
            Assert.AreEqual((ulong)(5 * Period), s.NextDueMicros);
        }
    }
}
