using System;
using MnPen.DeviceTests.Fakes;
using MnPen.Drivers;
using MnPen.Firmware;
using MnPen.Storage;

namespace MnPen.DeviceBench
{
    /// <summary>
    /// Where a Running tick's time goes, part by part, each on its own instance fed like the firmware feeds it: the
    /// safety supervisor (on the device tests' rig, motor running, the rig's crude motor included), the sensor reads with
    /// their conversions, the rate and depth controller steps, the buttons and the indicator. Medians, microseconds; the rest of Tick() is the state machine and glue.
    /// </summary>
    public static class TickParts
    {
        private delegate void Part();

        private static SupervisorRig s_rig;
        private static CurrentSensor s_current;
        private static BatteryMonitor s_battery;
        private static Thermistor s_thermistor;
        private static DepthActuator s_depth;
        private static Tachometer s_tach;
        private static RateController s_rate;
        private static Indicator s_indicator;
        private static Buttons s_buttons;
        private static DepthController s_depthControl;
        private static ulong s_now;
        private static FakePenBoard s_pen;

        private const int Period = PenFirmware.TickPeriodMicros;

        /// <summary>Prints one "part_us name median" line per part.</summary>
        public static void Print(int n)
        {
            Calibration c = FakePenBoard.FactoryCalibration();
            // A board of its own: its clock and counter move here without a firmware ticking, which on the measured
            // board would read as a stalled loop.
            s_pen = new FakePenBoard();
            FakePenBoard pen = s_pen;
            s_rig = new SupervisorRig().Booted();
            s_rig.Run(0.6f, 400);
            s_current = new CurrentSensor(pen.Board.MotorCurrent);
            s_current.Configure(c.CurrentOffsetCounts, c.CurrentMilliampsPerCount);
            s_battery = new BatteryMonitor(pen.Board.BatteryVoltage);
            s_thermistor = new Thermistor(pen.Board.Thermistor, s_rig.Sup.Limits.ThermistorOpenRaw, s_rig.Sup.Limits.ThermistorShortRaw);
            s_depth = new DepthActuator(pen.Board.DepthDrive, pen.Board.DepthFeedback);
            s_depth.Configure(c.DepthMm, c.DepthDrive, c.DepthFeedbackCounts);
            s_tach = new Tachometer(pen.Board.StrokeCounter);
            s_rate = new RateController();
            s_rate.Configure(c.FeedForwardRates, c.FeedForwardDuties, c.FeedForwardSupplyVolts, c.RateKp, c.RateKi);
            s_indicator = new Indicator(pen.Board);
            s_indicator.SetPattern(IndicatorPattern.Running);
            s_buttons = new Buttons(pen.Board);
            s_depthControl = new DepthController(s_depth);
            s_depthControl.SetLimit(2.5f);
            s_depthControl.SetTarget(1.0f);
            s_now = pen.Clock.Now;

            double empty = Median(delegate { }, n);
            Line("supervisor", Median(delegate { s_rig.Tick(0.6f); }, n) - empty);
            // The sensors' clock moves a period per call and the counter gains a stroke or two, as at 110 /s, so the
            // tachometer fits over a live history instead of returning early on a repeated read time.
            Line("sensors", Median(delegate
            {
                s_pen.Clock.Now += Period;
                s_pen.Strokes.Pulse();
                if ((s_pen.Strokes.Pulses & 7) == 0) s_pen.Strokes.Pulse();
                s_current.Read();
                s_battery.Read();
                s_thermistor.Read();
                s_depth.Read();
                s_tach.Update();
            }, n) - empty);
            Line("rate_controller", Median(delegate { s_rate.Update(Period * 1e-6f, 110f, 108f, 7.4f, 1f); }, n) - empty);
            Line("depth_controller", Median(delegate { s_depthControl.Update(Period, 1.0f, true, false); }, n) - empty);
            Line("buttons", Median(delegate
            {
                s_now += Period;
                s_buttons.Update(s_now);
            }, n) - empty);
            Line("indicator", Median(delegate
            {
                s_now += Period;
                s_indicator.Update(s_now);
            }, n) - empty);
        }

        private static void Line(string name, double micros)
        {
            Console.WriteLine("part_us " + name + " " + (micros < 0 ? 0 : micros).ToString("F1"));
        }

        private static double Median(Part part, int n)
        {
            for (int i = 0; i < 100; i++) part();
            int[] histogram = new int[20000];
            for (int i = 0; i < n; i++)
            {
                long t0 = DateTime.UtcNow.Ticks;
                part();
                long d = DateTime.UtcNow.Ticks - t0;
                histogram[d < histogram.Length ? (int)d : histogram.Length - 1]++;
            }
            int seen = 0;
            for (int i = 0; i < histogram.Length; i++)
            {
                seen += histogram[i];
                if (seen * 2 >= n) return i / 10.0;
            }
            return histogram.Length / 10.0;
        }
    }
}
