using System;

public static class Program
{
    private static object[] s_live;

    public static void Main()
    {
        // A live set shaped like the pen firmware after boot: ~2000 small objects and a few buffers (about 60 KB on the device).
        s_live = new object[2000];
        for (int i = 0; i < s_live.Length; i++) s_live[i] = (i % 50 == 0) ? (object)new byte[256] : new float[4];
        const int Runs = 20;
        long worst = 0, sum = 0;
        for (int r = 0; r < Runs; r++)
        {
            // Garbage as the device path makes it: many small short-lived objects (about 100 KB per second of ticks).
            for (int k = 0; k < 1500; k++) { object g = new int[4]; }
            long t0 = DateTime.UtcNow.Ticks;
            nanoFramework.Runtime.Native.GC.Run(false);
            long t1 = DateTime.UtcNow.Ticks;
            long us = (t1 - t0) / 10;
            sum += us;
            if (us > worst) worst = us;
        }
        Console.WriteLine("gc mean " + (sum / Runs).ToString() + " us, worst " + worst.ToString() + " us");
        long c0 = DateTime.UtcNow.Ticks;
        for (int r = 0; r < 5; r++) nanoFramework.Runtime.Native.GC.Run(true);
        long c1 = DateTime.UtcNow.Ticks;
        Console.WriteLine("gc+compact mean " + ((c1 - c0) / 10 / 5).ToString() + " us");
    }
}
