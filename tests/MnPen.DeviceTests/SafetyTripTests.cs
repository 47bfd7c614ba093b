using MnPen.DeviceTests.Fakes;
using MnPen.Safety;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>
    /// Every interlock the supervisor's inputs can express, on the nanoFramework runtime, ticked at the pen's 10 ms period:
    /// the right code, within its deadline (FaultCatalog.DetectionDeadlineMicros, measured from the onset just after a
    /// tick, the worst case), not before its persistence (SafetyLimits), and the motor safe in the detecting tick. (Test
    /// classes are never constructed on the device: each test builds its own rig into a static field.)
    /// </summary>
    [TestClass]
    public class SafetyTripTests
    {
        private static SupervisorRig s_rig;

        private static SupervisorRig Running()
        {
            s_rig = new SupervisorRig().Booted();
            s_rig.Run(0.6f, 400);
            Assert.IsFalse(s_rig.Sup.Tripped, "healthy running must not trip");
            return s_rig;
        }

        private static int Period
        {
            get { return s_rig.PeriodMicros; }
        }

        private static SafetyLimits Limits
        {
            get { return s_rig.Sup.Limits; }
        }

        /// <summary>The first tick at which a condition held for persistenceMicros can trip (it is first seen one period after the onset).</summary>
        private static int FirstTickAfter(int persistenceMicros)
        {
            return Period + (persistenceMicros + Period - 1) / Period * Period;
        }

        private static void AssertTrip(FaultCode expected, int micros, int minMicros, int maxMicros)
        {
            Assert.AreEqual((int)expected, (int)s_rig.Sup.ActiveFault, "fault code");
            Assert.IsTrue(micros >= minMicros && micros <= maxMicros,
                "tripped after " + micros + " us, expected " + minMicros + ".." + maxMicros + " us");
            Assert.IsTrue(s_rig.Safe, "motor cut in the detecting tick");
        }

        /// <summary>Trips within the catalog's deadline for the code, and not before minMicros.</summary>
        private static void AssertTripWithinDeadline(FaultCode expected, int micros, int minMicros)
        {
            int deadline = FaultCatalog.DetectionDeadlineMicros(expected);
            Assert.IsTrue(deadline > 0, "the catalog times " + expected.ToString());
            AssertTrip(expected, micros, minMicros, deadline);
        }

        /// <summary>A single-sample check: the first tick after the onset trips, well inside the catalog's deadline.</summary>
        private static void AssertTripInFirstTick(FaultCode expected, int micros)
        {
            Assert.IsTrue(Period <= FaultCatalog.DetectionDeadlineMicros(expected), "one period fits the deadline");
            AssertTrip(expected, micros, Period, Period);
        }

        [TestMethod]
        public void Overcurrent_cuts_the_motor_in_the_first_tick()
        {
            Running().AutoCurrent = false;
            s_rig.In.MotorCurrentAmps = Limits.OvercurrentAmps + 0.05f;
            AssertTripInFirstTick(FaultCode.Overcurrent, s_rig.MicrosToTrip(0.6f, 500000));
        }

        [TestMethod]
        public void Sustained_overload_trips_on_i2t_when_the_budget_is_spent()
        {
            Running().RunningAmps = 2.0f;
            // 1.5 A²s budget / (2² - 1²) A² = 0.5 s, to within one tick's integration step.
            float ic = Limits.OverloadContinuousAmps;
            int spent = (int)(Limits.OverloadBudgetA2s / (2.0f * 2.0f - ic * ic) * 1e6f);
            int micros = s_rig.MicrosToTrip(0.6f, 2000000);
            AssertTripWithinDeadline(FaultCode.Overload, micros, spent - Period);
            Assert.IsTrue(micros <= spent + 2 * Period, "budget spent at " + spent + " us, tripped at " + micros + " us");
        }

        [TestMethod]
        public void Driver_fault_line_cuts_the_motor_in_the_first_tick()
        {
            Running().In.DriverFault = true;
            AssertTripInFirstTick(FaultCode.DriverFault, s_rig.MicrosToTrip(0.6f, 500000));
        }

        [TestMethod]
        public void Pulling_the_cartridge_while_driving_cuts_the_motor_in_the_first_tick()
        {
            Running().In.CartridgePresent = false;
            AssertTripInFirstTick(FaultCode.CartridgeRemoved, s_rig.MicrosToTrip(0.6f, 500000));
        }

        [TestMethod]
        public void Jam_while_running_trips_within_its_deadline()
        {
            Running().Jammed = true;
            AssertTripWithinDeadline(FaultCode.CartridgeJam, s_rig.MicrosToTrip(0.6f, 1000000), Limits.JamDetectMicros);
        }

        [TestMethod]
        public void Silent_hall_sensor_with_normal_current_is_a_hall_fault_within_its_deadline()
        {
            Running().HallDead = true;
            AssertTripWithinDeadline(FaultCode.HallSensorSilent, s_rig.MicrosToTrip(0.6f, 1000000), Limits.JamTimeoutMinMicros);
        }

        [TestMethod]
        public void Runaway_above_the_absolute_ceiling_trips_within_its_deadline()
        {
            Running().StrokeRate = 200f;
            AssertTripWithinDeadline(FaultCode.Overspeed, s_rig.MicrosToTrip(0.6f, 1000000), Period);
        }

        [TestMethod]
        public void A_rate_just_under_the_ceiling_does_not_trip()
        {
            // 10 /s under the ceiling, read over >= 200 ms spans of 10 ms reads: one stroke of count quantisation is 5 /s,
            // so the reads' quantisation must not turn a rate under the ceiling into a trip.
            Running().StrokeRate = Limits.OverspeedAbsolute - 10f;
            s_rig.In.TargetStrokeRate = Limits.OverspeedAbsolute - 10f;
            s_rig.Run(0.6f, 1000);
            Assert.IsFalse(s_rig.Sup.Tripped, "tripped on " + s_rig.Sup.ActiveFault.ToString());
        }

        [TestMethod]
        public void Rate_far_above_the_target_trips_after_the_relative_allowance()
        {
            Running().In.TargetStrokeRate = 50f;
            s_rig.In.MotorCommanded = true;
            s_rig.StrokeRate = 140f;
            int micros = s_rig.MicrosToTrip(0.6f, 2000000);
            AssertTrip(FaultCode.Overspeed, micros, Limits.OverspeedRelativeMicros,
                Limits.OverspeedRelativeMicros + FaultCatalog.LoopReactionMicros);
        }

        [TestMethod]
        public void Depth_actuator_not_following_its_command_trips_after_the_settling_time()
        {
            Running().In.DepthCommandMm = 1.5f;
            AssertTripWithinDeadline(FaultCode.DepthActuatorFault, s_rig.MicrosToTrip(0.6f, 2000000), Limits.DepthFaultMicros);
        }

        [TestMethod]
        public void Broken_depth_pot_trips_at_the_first_tick_after_its_persistence()
        {
            Running().In.DepthFeedbackRaw = 10;
            int micros = s_rig.MicrosToTrip(0.6f, 1000000);
            int at = FirstTickAfter(Limits.DepthAboveLimitMicros);
            AssertTrip(FaultCode.DepthActuatorFault, micros, at, at);
        }

        [TestMethod]
        public void Depth_command_above_the_cartridge_limit_trips_in_the_first_tick_while_driven()
        {
            Running().In.DepthCommandMm = s_rig.In.DepthLimitMm + 0.1f;
            AssertTripInFirstTick(FaultCode.DepthAboveLimit, s_rig.MicrosToTrip(0.6f, 500000));
        }

        [TestMethod]
        public void Measured_depth_above_the_limit_trips_within_its_deadline()
        {
            Running().In.DepthMeasuredMm = s_rig.In.DepthLimitMm + Limits.DepthLimitMarginMm + 0.1f;
            AssertTripWithinDeadline(FaultCode.DepthAboveLimit, s_rig.MicrosToTrip(0.6f, 500000), FirstTickAfter(Limits.DepthAboveLimitMicros));
        }

        [TestMethod]
        public void Hot_handpiece_derates_then_trips_before_41_C()
        {
            Running().In.HandpieceCelsius = 39f;
            s_rig.Run(0.9f, 100);
            Assert.IsFalse(s_rig.Sup.Tripped);
            Assert.AreEqual((int)FaultCode.TemperatureDerating, (int)s_rig.Sup.ActiveLimit);
            Assert.IsTrue(s_rig.Pwm.Duty <= s_rig.Sup.MaxDutyFactor && s_rig.Sup.MaxDutyFactor < 0.9f, "duty derated");
            s_rig.In.HandpieceCelsius = 40.6f;
            AssertTripWithinDeadline(FaultCode.OverTemperature, s_rig.MicrosToTrip(0.9f, 500000), FirstTickAfter(Limits.TemperatureFaultMicros));
        }

        [TestMethod]
        public void Open_thermistor_trips_within_its_deadline()
        {
            Running().In.ThermistorRaw = 4090;
            AssertTripWithinDeadline(FaultCode.ThermistorOpen, s_rig.MicrosToTrip(0.6f, 500000), FirstTickAfter(Limits.TemperatureFaultMicros));
        }

        [TestMethod]
        public void Shorted_thermistor_trips_within_its_deadline()
        {
            Running().In.ThermistorRaw = 5;
            AssertTripWithinDeadline(FaultCode.ThermistorShort, s_rig.MicrosToTrip(0.6f, 500000), FirstTickAfter(Limits.TemperatureFaultMicros));
        }

        [TestMethod]
        public void Brown_out_trips_within_its_deadline_and_a_dip_seen_by_one_tick_does_not()
        {
            Running().In.BatteryVolts = Limits.UnderVoltageVolts - 0.2f;
            s_rig.Tick(0.6f);
            s_rig.In.BatteryVolts = 7.0f;
            s_rig.Run(0.6f, 100);
            Assert.IsFalse(s_rig.Sup.Tripped, "a dip one 10 ms sample long is a load transient, not a brown-out");
            s_rig.In.BatteryVolts = Limits.UnderVoltageVolts - 0.1f;
            AssertTripWithinDeadline(FaultCode.UnderVoltage, s_rig.MicrosToTrip(0.6f, 500000), FirstTickAfter(Limits.UnderVoltageMicros));
        }

        [TestMethod]
        public void Impossible_battery_reading_trips_within_its_deadline()
        {
            Running().In.BatteryVolts = Limits.BatteryMaxPlausibleVolts + 2f;
            AssertTripWithinDeadline(FaultCode.BatterySenseImplausible, s_rig.MicrosToTrip(0.6f, 500000), Period);
        }

        [TestMethod]
        public void Frozen_current_reading_while_driven_trips_as_a_sensor_fault_after_its_tick_count()
        {
            Running().AutoCurrent = false;
            s_rig.In.MotorCurrentAmps = 0.5f;
            s_rig.RawJitter = false;
            int micros = s_rig.MicrosToTrip(0.6f, 2000000);
            AssertTripWithinDeadline(FaultCode.CurrentSensorImplausible, micros, (Limits.CurrentFrozenTicks - 1) * Period);
            Assert.IsTrue(micros <= (Limits.CurrentFrozenTicks + 1) * Period, "frozen for " + micros + " us");
        }

        [TestMethod]
        public void Gated_enable_net_read_low_while_commanded_trips_HardwareChannelCut_in_two_ticks()
        {
            // The gated nSLEEP net reads low while the supervisor commands it high: the hardware channel cut the driver
            // (or the net is stuck low, the safe direction).
            Running();
            ulong onset = s_rig.Clock.Now;
            for (int k = 1; k <= 10; k++)
            {
                s_rig.Clock.Now += (ulong)Period;
                s_rig.In.NowMicros = s_rig.Clock.Now;
                s_rig.In.StrokeSampleMicros = s_rig.Clock.Now;
                s_rig.In.DriverEnableReadBack = false;
                s_rig.In.MotorCurrentRaw += (k & 1) == 0 ? 1 : -1;
                s_rig.Sup.Tick(s_rig.In);
                if (s_rig.Sup.Tripped)
                {
                    AssertTripWithinDeadline(FaultCode.HardwareChannelCut, (int)(s_rig.Clock.Now - onset), 2 * Period);
                    return;
                }
            }
            Assert.IsTrue(false, "a cut of the gated enable net was never detected");
        }

        [TestMethod]
        public void Loop_gap_beyond_the_limit_while_driven_trips_in_the_late_tick()
        {
            Running();
            int gap = Limits.MaxTickIntervalMicros + Period;
            s_rig.TickAfter(gap, 0.6f);
            Assert.AreEqual((int)FaultCode.ControlLoopOverrun, (int)s_rig.Sup.ActiveFault, "a " + gap + " us gap with the driver on");
            Assert.IsTrue(s_rig.Safe, "motor cut in the late tick");
        }

        [TestMethod]
        public void A_missed_period_while_driven_is_tolerated()
        {
            // A GC pause holds the processor past one RTOS tick: a 20 ms interval, inside the 35 ms gap limit.
            Running();
            s_rig.TickAfter(2 * Period, 0.6f);
            s_rig.Run(0.6f, 200);
            Assert.IsFalse(s_rig.Sup.Tripped, "tripped on " + s_rig.Sup.ActiveFault.ToString());
        }

        [TestMethod]
        public void A_loop_at_a_third_of_its_rate_trips_on_the_slow_loop_rule()
        {
            // Every interval under the gap limit, but three periods long: only the mean over SlowLoopTicks shows it.
            Running();
            int interval = 3 * Period;
            Assert.IsTrue(interval < Limits.MaxTickIntervalMicros, "each interval is under the gap limit");
            int ticks = 0;
            while (!s_rig.Sup.Tripped && ticks < 100)
            {
                s_rig.TickAfter(interval, 0.6f);
                ticks++;
            }
            Assert.AreEqual((int)FaultCode.ControlLoopOverrun, (int)s_rig.Sup.ActiveFault);
            Assert.IsTrue(ticks <= Limits.SlowLoopTicks, "slow loop found after " + ticks + " ticks");
            Assert.IsTrue(s_rig.Safe);
        }

        [TestMethod]
        public void A_loop_pause_with_the_driver_asleep_is_counted_not_tripped()
        {
            // A flash sector erase in the background holds the loop ~45 ms with the motor off (gap limit 35 ms).
            s_rig = new SupervisorRig().Booted();
            s_rig.TickAfter(45000, 0f);
            Assert.IsFalse(s_rig.Sup.Tripped);
            Assert.AreEqual(1, s_rig.Sup.QuietGaps);
            Assert.IsFalse(s_rig.Enable.Level);
        }

        [TestMethod]
        public void Invalid_calibration_trips_and_no_request_reaches_the_motor()
        {
            Running().In.CalibrationValid = false;
            AssertTripInFirstTick(FaultCode.CalibrationInvalid, s_rig.MicrosToTrip(0.6f, 500000));
            s_rig.Gate.Request(0.5f);
            Assert.AreEqual(0f, s_rig.Gate.AppliedDuty);
            Assert.AreEqual(0f, s_rig.Pwm.Duty);
        }

        [TestMethod]
        public void Manual_trip_with_a_hard_trip_code_latches()
        {
            s_rig = new SupervisorRig().Booted();
            Assert.IsTrue(s_rig.Sup.Trip(FaultCode.StorageCorrupt));
            Assert.IsTrue(s_rig.Sup.Tripped);
            s_rig.Run(0.5f, 50);
            Assert.IsTrue(s_rig.Safe);
        }
    }
}
