using MnPen.Hal.Simulator.Storage;

namespace MnPen.Storage.Tests;

/// <summary>
/// Runs one storage operation with a power cut at every byte it writes, and after each cut powers the pen up again
/// and asks what the store now returns.
/// </summary>
internal static class PowerCutHarness
{
    /// <summary>
    /// For every cut position 0..bytes-1 (and once with no cut): restore <paramref name="before"/>, run
    /// <paramref name="prepare"/> (not cut), arm the cut, run <paramref name="operation"/>, restore power and call
    /// <paramref name="verify"/> with the cut position (-1 = no cut). Returns how many cuts were made.
    /// </summary>
    public static int CutEverywhere(SimulatedFlash flash, FlashSnapshot before, Func<SimulatedFlash, Action> prepare,
                                    Action<SimulatedFlash, long> verify, bool garbageTornByte)
    {
        flash.Restore(before);
        flash.RestorePower();
        var measured = prepare(flash);
        long start = flash.BytesWritten;
        measured();
        long bytes = flash.BytesWritten - start;
        Assert.True(bytes > 0, "the operation must write something");
        int cuts = 0;
        for (long n = -1; n < bytes; n++)
        {
            flash.Restore(before);
            flash.RestorePower();
            flash.TornByteIsGarbage = garbageTornByte;
            var operation = prepare(flash);
            if (n >= 0) flash.ArmPowerCut(n, tornSeed: (int)n + 1);
            try { operation(); }
            catch (PowerCutException) { }
            if (n >= 0)
            {
                Assert.True(flash.PowerIsCut, $"cut at byte {n} of {bytes} did not happen");
                cuts++;
            }
            flash.RestorePower();
            flash.TornByteIsGarbage = false;
            verify(flash, n);
        }
        return cuts;
    }
}
