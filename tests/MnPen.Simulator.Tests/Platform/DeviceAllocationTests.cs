using MnPen.Firmware;
using MnPen.Hal;
using MnPen.Hal.Simulator.Platform;
using MnPen.VirtualPen;
using Xunit.Abstractions;
using Pen = MnPen.VirtualPen.VirtualPen;

namespace MnPen.Simulator.Tests.Platform;

/// <summary>
/// The GC pause model's allocation per tick against what the firmware's device path really calls: every GPIO read and
/// pulse-counter read the firmware makes per tick is counted on the virtual pen, and priced at what one such call
/// allocates on the nanoFramework interpreter (docs/simulator.md, "Platform").
/// </summary>
public class DeviceAllocationTests(ITestOutputHelper output)
{
    /// <summary>GpioPin.Read() compared with PinValue.High, bytes on the x86 interpreter (nanoclr measurement, docs/simulator.md).</summary>
    public const int GpioReadBytesX86 = 220;

    /// <summary>GpioPulseCounter.Read(), bytes on the x86 interpreter (same measurement).</summary>
    public const int CounterReadBytesX86 = 165;

    private sealed class Counts
    {
        public long Gpio, Counter;
    }

    private sealed class CountingInput(IDigitalInput inner, Counts c) : IDigitalInput
    {
        public bool Read() { c.Gpio++; return inner.Read(); }
    }

    private sealed class CountingOutput(IDigitalOutput inner, Counts c) : IDigitalOutput
    {
        public void Write(bool high) => inner.Write(high);
        public bool ReadBack() { c.Gpio++; return inner.ReadBack(); }
    }

    private sealed class CountingCounter(IPulseCounter inner, Counts c) : IPulseCounter
    {
        public uint Read(out ulong sampleMicros) { c.Counter++; return inner.Read(out sampleMicros); }
    }

    private static PenFirmware Counting(PenBoard b, Counts c)
    {
        b.MotorEnableSense = new CountingInput(b.MotorEnableSense, c);
        b.MotorFaultN = new CountingInput(b.MotorFaultN, c);
        b.CartridgePresent = new CountingInput(b.CartridgePresent, c);
        b.ButtonStartN = new CountingInput(b.ButtonStartN, c);
        b.ButtonRateUpN = new CountingInput(b.ButtonRateUpN, c);
        b.ButtonRateDownN = new CountingInput(b.ButtonRateDownN, c);
        b.ButtonDepthUpN = new CountingInput(b.ButtonDepthUpN, c);
        b.ButtonDepthDownN = new CountingInput(b.ButtonDepthDownN, c);
        b.MotorEnable = new CountingOutput(b.MotorEnable, c);
        b.SafetyWatchdogKick = new CountingOutput(b.SafetyWatchdogKick, c);
        b.StrokeCounter = new CountingCounter(b.StrokeCounter, c);
        return new PenFirmware(b);
    }

    [Fact]
    public void The_GC_model_charges_at_least_what_the_device_path_reads_per_tick_allocate()
    {
        var c = new Counts();
        var pen = Pen.Create(new VirtualPenOptions { Seed = 1, Platform = PlatformKind.Esp32Nf, FirmwareFactory = b => Counting(b, c) });
        pen.Boot();
        Assert.True(pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 3.0));

        (double Gpio, double Counter) PerTick(double seconds)
        {
            long g0 = c.Gpio, k0 = c.Counter, w0 = pen.Board.Platform.Stats.Wakes;
            pen.RunFor(seconds);
            double ticks = pen.Board.Platform.Stats.Wakes - w0;
            return ((c.Gpio - g0) / ticks, (c.Counter - k0) / ticks);
        }

        var ready = PerTick(1.0);
        Assert.Equal(CommandResult.Accepted, pen.Firmware.RequestStart());
        pen.RunFor(0.5);
        var running = PerTick(1.0);

        // The ESP32's heap blocks are 12 bytes against the x86 interpreter's 24: objects take about half.
        double Bytes((double Gpio, double Counter) r) => (r.Gpio * GpioReadBytesX86 + r.Counter * CounterReadBytesX86) / 2.0;
        int modelled = PlatformParameters.Esp32Nanoframework().AllocatedBytesPerTick;
        output.WriteLine($"per tick: ready {ready.Gpio:0.##} GPIO + {ready.Counter:0.##} counter reads ≈ {Bytes(ready):0} B; " +
                         $"running {running.Gpio:0.##} + {running.Counter:0.##} ≈ {Bytes(running):0} B; modelled {modelled} B");
        Assert.True(running.Gpio >= 5, "the device path polls its inputs every tick");
        Assert.True(modelled >= Bytes(running) && modelled >= Bytes(ready), $"the GC model charges {modelled} B per tick, the reads allocate {Bytes(running):0} B");
    }
}
