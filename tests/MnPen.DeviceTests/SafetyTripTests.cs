using MnPen.DeviceTests.Fakes;
using MnPen.Safety;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>
    /// Every interlock the supervisor's inputs can express, on the nanoFramework runtime: the right code, within its
    /// deadline, and the motor safe in the detecting tick. (Test classes are never constructed on the device: each test
    /// builds its own rig into a static field.)
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

        private static void AssertTrip(FaultCode expected, int ticks, int minTicks, int maxTicks)
        {
            Assert.AreEqual((int)expected, (int)s_rig.Sup.ActiveFault);
            Assert.IsTrue(ticks >= minTicks && ticks <= maxTicks, "tripped after " + ticks + " ticks, expected " + minTicks + ".." + maxTicks);
            Assert.IsTrue(s_rig.Safe, "motor cut in the detecting tick");
        }

        [TestMethod]
        public void Overcurrent_cuts_the_motor_in_the_same_tick()
        {
            Running().AutoCurrent = false;
            s_rig.In.MotorCurrentAmps = 2.2f;
            AssertTrip(FaultCode.Overcurrent, s_rig.TicksToTrip(0.6f, 10), 1, 1);
        }

        [TestMethod]
        public void Sustained_overload_trips_on_i2t_after_half_a_second_at_2_A()
        {
            Running().RunningAmps = 2.0f;
            // 1.5 A²s budget / (2² - 1²) A² = 0.5 s
            AssertTrip(FaultCode.Overload, s_rig.TicksToTrip(0.6f, 2000), 480, 520);
        }

        [TestMethod]
        public void Driver_fault_line_cuts_the_motor_in_the_same_tick()
        {
            Running().In.DriverFault = true;
            AssertTrip(FaultCode.DriverFault, s_rig.TicksToTrip(0.6f, 10), 1, 1);
        }

        [TestMethod]
        public void Pulling_the_cartridge_while_driving_cuts_the_motor_in_the_same_tick()
        {
            Running().In.CartridgePresent = false;
            AssertTrip(FaultCode.CartridgeRemoved, s_rig.TicksToTrip(0.6f, 10), 1, 1);
        }

        [TestMethod]
        public void Jam_while_running_is_detected_within_50_ms()
        {
            Running().Jammed = true;
            AssertTrip(FaultCode.CartridgeJam, s_rig.TicksToTrip(0.6f, 500), 1, 50);
        }

        [TestMethod]
        public void Silent_hall_sensor_with_normal_current_is_a_hall_fault_within_50_ms()
        {
            Running().HallDead = true;
            AssertTrip(FaultCode.HallSensorSilent, s_rig.TicksToTrip(0.6f, 500), 1, 50);
        }

        [TestMethod]
        public void Runaway_above_the_absolute_ceiling_trips_within_50_ms()
        {
            Running().StrokeRate = 200f;
            AssertTrip(FaultCode.Overspeed, s_rig.TicksToTrip(0.6f, 500), 1, 50);
        }

        [TestMethod]
        public void Rate_far_above_the_target_trips_after_the_300_ms_allowance()
        {
            Running().In.TargetStrokeRate = 50f;
            s_rig.StrokeRate = 140f;
            AssertTrip(FaultCode.Overspeed, s_rig.TicksToTrip(0.6f, 1000), 290, 360);
        }

        [TestMethod]
        public void Depth_actuator_not_following_its_command_trips_after_the_settling_time()
        {
            Running().In.DepthCommandMm = 1.5f;
            AssertTrip(FaultCode.DepthActuatorFault, s_rig.TicksToTrip(0.6f, 1000), 250, 260);
        }

        [TestMethod]
        public void Broken_depth_pot_trips_within_5_ticks()
        {
            Running().In.DepthFeedbackRaw = 10;
            AssertTrip(FaultCode.DepthActuatorFault, s_rig.TicksToTrip(0.6f, 100), 1, 5);
        }

        [TestMethod]
        public void Depth_command_above_the_cartridge_limit_trips_at_once_while_driven()
        {
            Running().In.DepthCommandMm = 2.6f;
            AssertTrip(FaultCode.DepthAboveLimit, s_rig.TicksToTrip(0.6f, 10), 1, 1);
        }

        [TestMethod]
        public void Measured_depth_above_the_limit_trips_within_5_ms()
        {
            Running().In.DepthMeasuredMm = 2.7f;
            AssertTrip(FaultCode.DepthAboveLimit, s_rig.TicksToTrip(0.6f, 100), 1, 5);
        }

        [TestMethod]
        public void Hot_handpiece_derates_then_trips_before_41_C()
        {
            Running().In.HandpieceCelsius = 39f;
            s_rig.Run(0.9f, 10);
            Assert.IsFalse(s_rig.Sup.Tripped);
            Assert.AreEqual((int)FaultCode.TemperatureDerating, (int)s_rig.Sup.ActiveLimit);
            Assert.IsTrue(s_rig.Pwm.Duty <= s_rig.Sup.MaxDutyFactor && s_rig.Sup.MaxDutyFactor < 0.9f, "duty derated");
            s_rig.In.HandpieceCelsius = 40.6f;
            AssertTrip(FaultCode.OverTemperature, s_rig.TicksToTrip(0.9f, 100), 1, 10);
        }

        [TestMethod]
        public void Open_thermistor_trips_within_10_ms()
        {
            Running().In.ThermistorRaw = 4090;
            AssertTrip(FaultCode.ThermistorOpen, s_rig.TicksToTrip(0.6f, 100), 1, 10);
        }

        [TestMethod]
        public void Shorted_thermistor_trips_within_10_ms()
        {
            Running().In.ThermistorRaw = 5;
            AssertTrip(FaultCode.ThermistorShort, s_rig.TicksToTrip(0.6f, 100), 1, 10);
        }

        [TestMethod]
        public void Brown_out_trips_within_10_ms_and_a_short_dip_does_not()
        {
            Running().In.BatteryVolts = 5.8f;
            s_rig.Run(0.6f, 3);
            s_rig.In.BatteryVolts = 7.0f;
            s_rig.Run(0.6f, 10);
            Assert.IsFalse(s_rig.Sup.Tripped, "a 3 ms dip is not a brown-out");
            s_rig.In.BatteryVolts = 5.9f;
            AssertTrip(FaultCode.UnderVoltage, s_rig.TicksToTrip(0.6f, 100), 1, 10);
        }

        [TestMethod]
        public void Impossible_battery_reading_trips()
        {
            Running().In.BatteryVolts = 12f;
            AssertTrip(FaultCode.BatterySenseImplausible, s_rig.TicksToTrip(0.6f, 100), 1, 100);
        }

        [TestMethod]
        public void Frozen_current_reading_while_driven_trips_as_a_sensor_fault()
        {
            Running().AutoCurrent = false;
            s_rig.In.MotorCurrentAmps = 0.5f;
            s_rig.RawJitter = false;
            AssertTrip(FaultCode.CurrentSensorImplausible, s_rig.TicksToTrip(0.6f, 1000), 99, 102);
        }

        [TestMethod]
        public void Driver_enable_that_does_not_read_back_trips_in_two_ticks()
        {
            // A stuck-low enable line: the supervisor commands it high but the read-back says low.
            Running();
            for (int k = 1; k <= 10; k++)
            {
                s_rig.Clock.Now += 1000;
                s_rig.In.NowMicros = s_rig.Clock.Now;
                s_rig.In.DriverEnableReadBack = false;
                s_rig.In.MotorCurrentRaw += (k & 1) == 0 ? 1 : -1;
                s_rig.Sup.Tick(s_rig.In);
                if (s_rig.Sup.Tripped)
                {
                    AssertTrip(FaultCode.DriverEnableReadback, k, 2, 2);
                    return;
                }
            }
            Assert.IsTrue(false, "a stuck enable line was never detected");
        }

        [TestMethod]
        public void Loop_gap_while_the_motor_is_driven_trips_as_an_overrun()
        {
            Running();
            s_rig.In.TickIntervalMicros = 5000;
            AssertTrip(FaultCode.ControlLoopOverrun, s_rig.TicksToTrip(0.6f, 10), 1, 1);
        }

        [TestMethod]
        public void A_loop_pause_with_the_driver_asleep_is_counted_not_tripped()
        {
            // A flash sector erase in the background holds the loop ~45 ms with the motor off (gap limit 35 ms).
            s_rig = new SupervisorRig().Booted();
            s_rig.Clock.Now += 44000;
            s_rig.In.TickIntervalMicros = 45000;
            s_rig.Tick(0f);
            Assert.IsFalse(s_rig.Sup.Tripped);
            Assert.AreEqual(1, s_rig.Sup.QuietGaps);
            Assert.IsFalse(s_rig.Enable.Level);
        }

        [TestMethod]
        public void Invalid_calibration_trips_and_no_request_reaches_the_motor()
        {
            Running().In.CalibrationValid = false;
            AssertTrip(FaultCode.CalibrationInvalid, s_rig.TicksToTrip(0.6f, 10), 1, 1);
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
            s_rig.Run(0.5f, 5);
            Assert.IsTrue(s_rig.Safe);
        }
    }
}
