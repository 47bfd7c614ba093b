using System;
using MnPen.DeviceTests.Fakes;
using MnPen.Firmware;
using MnPen.Safety;
using MnPen.Hal;

namespace MnPen.DeviceBench
{
    /// <summary>
    /// Device tick benchmark: PenFirmware on the device tests' fake board (tests/MnPen.DeviceTests/Fakes), run by the real
    /// nanoFramework interpreter through nfrun; `mnpen perf --device` runs it and reads its lines. It times Tick() in
    /// Ready, Running (rate loop active) and Fault, and checks each for allocation. Every line it prints is
    /// "key value..." so the tool can parse it; the figures are x86-64 host interpreter ones, not ESP32 microseconds.
    /// </summary>
    public static class Program
    {
        /// <summary>Ticks timed per state.</summary>
        public const int TimedTicks = 5000;

        /// <summary>Ticks run with the heap nearly full to catch any allocation.</summary>
        public const int AllocationTicks = 5000;

        private static FakePenBoard s_pen;
        private static PenFirmware s_fw;

        /// <summary>Entry point.</summary>
        public static void Main()
        {
            Console.WriteLine("mnpen-device-bench 1");
            Console.WriteLine("toggle_loop_us " + TogglePair.MicrosPerTurn(200000).ToString("F4"));
            Console.WriteLine("tick_period_us " + PenFirmware.TickPeriodMicros);

            s_pen = new FakePenBoard();
            // The fake motor strokes at a fixed rate whatever its current reads, which the stroke-sensor cross-check rightly
            // calls implausible once it has learned (300 strokes): its thresholds are opened here, so it still runs (and is
            // timed) in every tick but cannot trip the pen out of the state being measured.
            SafetyLimits limits = new SafetyLimits();
            limits.StrokeMismatchStrokes = 1e9f;
            limits.StrokeRatioMin = 0f;
            limits.StrokeRatioMax = 1e9f;
            s_fw = new PenFirmware(s_pen.Board, limits);
            s_fw.Boot();
            s_pen.RunThroughSelfTest(s_fw);
            Measure("ready");

            s_fw.SetDepthMm(1.0f);
            s_fw.RequestStart();
            s_pen.RunUntil(s_fw, PenState.Running, 2000);
            s_pen.Run(s_fw, 300);
            Measure("running");
            TickParts.Print(TimedTicks);

            // The driver's fault line drops: the supervisor latches DriverFault and the core sits in Fault.
            s_pen.MotorFaultN.Set(false);
            s_pen.Run(s_fw, 50);
            Measure("fault");
            Console.WriteLine("done");
        }

        private static void Measure(string name)
        {
            PenState state = s_fw.State;
            TickTimer.Result t = TickTimer.Time(s_pen, s_fw, TimedTicks);
            AllocationProbe.Result a = AllocationProbe.Run(s_pen, s_fw, AllocationTicks);
            bool stayed = s_fw.State == state;
            Console.WriteLine("state " + name + " " + StateName(state) + " " + (stayed ? "held" : "left:" + StateName(s_fw.State)));
            Console.WriteLine("tick_us " + name + " " + t.MedianMicros.ToString("F1") + " p99 " + t.P99Micros.ToString("F1") +
                              " mean " + t.MeanMicros.ToString("F1") + " min " + t.MinMicros.ToString("F1") +
                              " max " + t.MaxMicros.ToString("F1") + " n " + t.Ticks);
            Console.WriteLine("alloc " + name + " " + a.BytesPerTick.ToString("F3") + " gcs " + a.Collections + " headroom " + a.HeadroomBytes + " n " + a.Ticks);
        }

        private static string StateName(PenState s)
        {
            switch (s)
            {
                case PenState.Idle: return "Idle";
                case PenState.Ready: return "Ready";
                case PenState.Running: return "Running";
                case PenState.Fault: return "Fault";
                case PenState.Lockout: return "Lockout";
                default: return "State" + (int)s;
            }
        }
    }
}
