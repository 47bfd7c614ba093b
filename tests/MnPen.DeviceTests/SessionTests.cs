using MnPen.DeviceTests.Fakes;
using MnPen.Firmware;
using MnPen.Safety;
using MnPen.Storage;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>
    /// A whole treatment session through PenFirmware on a board of fakes, on the nanoFramework runtime: boot, self-test,
    /// cartridge accepted, start, depth verified, running under rate control, stop; and the trips that end a session.
    /// (The launcher never constructs test classes and runs [Setup] once per class: each test boots its own pen into
    /// static fields.)
    /// </summary>
    [TestClass]
    public class SessionTests
    {
        private static FakePenBoard s_pen;
        private static PenFirmware s_fw;

        private static void BootAFactoryCalibratedPen()
        {
            s_pen = new FakePenBoard();
            s_fw = new PenFirmware(s_pen.Board);
            s_fw.Boot();
            // Self-test ends with the clock cross-check over ClockCheckTicks ticks; the cartridge is read between ticks after it.
            s_pen.RunThroughSelfTest(s_fw);
        }

        private static bool Logged(PenState from, PenState to, TransitionReason reason)
        {
            TransitionLog log = s_fw.Transitions;
            for (int i = 0; i < log.Pending; i++)
                if (log.FromAt(i) == from && log.ToAt(i) == to && log.ReasonAt(i) == reason) return true;
            return false;
        }

        private static bool EventLogged(EventKind kind)
        {
            EventLog log = s_fw.Store.Events;
            var e = new EventEntry();
            for (uint seq = log.OldestSequence; seq <= log.NewestSequence && seq != 0; seq++)
                if (log.TryRead(seq, e) && e.Kind == kind) return true;
            return false;
        }

        private static void RunUntil(PenState state, int maxMs)
        {
            s_pen.RunUntil(s_fw, state, maxMs);
        }

        /// <summary>Ticks until the supervisor trips (at most maxMs); returns the microseconds from now to the tripping tick, or -1.</summary>
        private static int MicrosToTrip(int maxMs)
        {
            ulong onset = s_pen.Clock.Now;
            int max = FakePenBoard.Ticks(maxMs);
            for (int i = 0; i < max; i++)
            {
                s_pen.Tick(s_fw);
                if (s_fw.Safety.Tripped) return (int)(s_pen.Clock.Now - onset);
            }
            return -1;
        }

        private static void AssertWithinDeadline(FaultCode code, int micros)
        {
            Assert.AreEqual((int)code, (int)s_fw.Safety.ActiveFault, "fault code");
            int deadline = FaultCatalog.DetectionDeadlineMicros(code);
            Assert.IsTrue(micros > 0 && micros <= deadline, "tripped after " + micros + " us; deadline " + deadline + " us");
            // Duty cut in the detecting tick; the driver brakes (awake, EN low) or, if it cannot brake, sleeps.
            Assert.IsTrue(!s_pen.MotorEnable.Level || s_fw.Gate.Braking, "driver braking or asleep in the detecting tick");
            Assert.AreEqual(0f, s_pen.MotorPwm.Duty);
        }

        private static void StartAndRun(int ms)
        {
            Assert.AreEqual((int)CommandResult.Accepted, (int)s_fw.RequestStart(), "start from Ready");
            RunUntil(PenState.Running, 1000);
            Assert.AreEqual((int)PenState.Running, (int)s_fw.State, "the pen must reach Running");
            s_pen.Run(s_fw, ms);
        }

        [TestMethod]
        public void Pen_boots_through_self_test_to_ready_with_a_new_cartridge()
        {
            BootAFactoryCalibratedPen();
            Assert.AreEqual((int)PenState.Ready, (int)s_fw.State);
            Assert.IsTrue(s_fw.CalibrationValid, "the stored calibration loads and validates");
            Assert.IsTrue(Logged(PenState.Boot, PenState.SelfTest, TransitionReason.PowerUp));
            Assert.IsTrue(Logged(PenState.SelfTest, PenState.Idle, TransitionReason.SelfTestPassed));
            Assert.IsTrue(Logged(PenState.Idle, PenState.Ready, TransitionReason.CartridgeAccepted));
            Assert.IsTrue(s_pen.System.PowerHeld, "boot holds the power latch");
            Assert.AreEqual((int)s_fw.Scheduler.TickCount, s_pen.Watchdog.Feeds, "each completed safety tick feeds the watchdog once");
            Assert.IsFalse(s_pen.MotorEnable.Level, "the bridge sleeps until a start");
        }

        [TestMethod]
        public void Session_runs_at_the_level_rate_and_stops_back_to_ready()
        {
            BootAFactoryCalibratedPen();
            Assert.AreEqual((int)CommandResult.Accepted, (int)s_fw.SetDepthMm(1.0f));
            StartAndRun(800);
            Assert.IsTrue(Logged(PenState.Ready, PenState.Starting, TransitionReason.StartRequested));
            Assert.IsTrue(Logged(PenState.Starting, PenState.Running, TransitionReason.DepthVerified));
            float target = s_fw.Config.RateLevels[s_fw.Status.RateLevel];
            Assert.IsTrue(s_pen.Rate > target * 0.95f && s_pen.Rate < target * 1.05f,
                "rate loop holds the level: " + s_pen.Rate.ToString() + " vs " + target.ToString());
            Assert.IsTrue(s_pen.DepthMm > 0.9f && s_pen.DepthMm < 1.1f, "needle depth is the set 1.0 mm: " + s_pen.DepthMm.ToString());
            Assert.IsTrue(s_pen.Cartridge.RowWrites > 0, "the cartridge is marked used before the first run");

            Assert.AreEqual((int)CommandResult.Accepted, (int)s_fw.RequestStop());
            RunUntil(PenState.Ready, 1000);
            Assert.AreEqual((int)PenState.Ready, (int)s_fw.State);
            Assert.IsTrue(Logged(PenState.Running, PenState.Stopping, TransitionReason.StopRequested));
            Assert.IsTrue(Logged(PenState.Stopping, PenState.Ready, TransitionReason.MotorStopped));
            Assert.AreEqual(0f, s_fw.Gate.AppliedDuty);
            Assert.IsFalse(s_pen.MotorEnable.Level);
            s_pen.Run(s_fw, 20);
            Assert.IsTrue(EventLogged(EventKind.SessionStart), "session start in the event log");
            Assert.IsTrue(EventLogged(EventKind.SessionEnd), "session end in the event log");
        }

        [TestMethod]
        public void Open_loop_on_the_worn_motor_falls_short_of_the_rate_the_closed_loop_holds()
        {
            // The same session with feedback off: the plant can fail a rate loop that does not work.
            BootAFactoryCalibratedPen();
            s_fw.RateControl.OpenLoop = true;
            StartAndRun(800);
            float target = s_fw.Config.RateLevels[s_fw.Status.RateLevel];
            Assert.IsTrue(s_pen.Rate < target * 0.95f, "open loop on a motor 10 % slower than calibrated: " + s_pen.Rate.ToString());
        }

        [TestMethod]
        public void Start_without_a_cartridge_is_refused_and_the_motor_never_turns()
        {
            BootAFactoryCalibratedPen();
            s_pen.CartridgeSwitch.Set(false);
            s_pen.Cartridge.Present = false;
            s_pen.Run(s_fw, 50);
            Assert.AreEqual((int)PenState.Idle, (int)s_fw.State);
            Assert.AreEqual((int)CommandResult.RefusedNoCartridge, (int)s_fw.RequestStart());
            Assert.AreEqual((int)FaultCode.CartridgeAbsent, (int)s_fw.LastRefusalFault);
            s_pen.Run(s_fw, 100);
            Assert.AreEqual(0, (int)s_pen.Strokes.Count);
            Assert.IsFalse(s_pen.MotorEnable.Level);
        }

        [TestMethod]
        public void Pulling_the_cartridge_while_running_cuts_the_motor_in_the_same_tick()
        {
            BootAFactoryCalibratedPen();
            StartAndRun(300);
            s_pen.CartridgeSwitch.Set(false);
            int micros = MicrosToTrip(1000);
            Assert.AreEqual(PenFirmware.TickPeriodMicros, micros, "the first tick after the pull trips");
            AssertWithinDeadline(FaultCode.CartridgeRemoved, micros);
            Assert.IsTrue(s_fw.State == PenState.Fault || s_fw.State == PenState.Lockout);
        }

        [TestMethod]
        public void Jammed_cam_trips_within_its_deadline_and_is_logged_with_its_snapshot()
        {
            BootAFactoryCalibratedPen();
            StartAndRun(300);
            s_pen.Jammed = true;
            AssertWithinDeadline(FaultCode.CartridgeJam, MicrosToTrip(1000));
            s_pen.Run(s_fw, 50);
            Assert.IsTrue(EventLogged(EventKind.Fault), "the trip is in the event log");
        }

        [TestMethod]
        public void Hot_handpiece_stops_a_running_session_within_its_deadline()
        {
            BootAFactoryCalibratedPen();
            StartAndRun(200);
            // 1240 counts on the 10 k / 10 k NTC divider is about 45 °C, above the 40.5 °C trip.
            Assert.IsTrue(MnPen.Drivers.Thermistor.CountsToCelsius(1240, 4095) > 41f);
            s_pen.Thermistor.Value = 1240;
            AssertWithinDeadline(FaultCode.OverTemperature, MicrosToTrip(1000));
        }
    }
}
