using MnPen.Client;
using MnPen.Protocol;

namespace MnPen.Flashing;

/// <summary>
/// Puts a backup back on a freshly flashed pen: the calibration record unless it survived byte for byte, and every setting
/// that differs. Settings the new firmware no longer has are reported, not forced (migration); the event log stays in the
/// backup file (a pen's log cannot be rewritten).
/// </summary>
public static class PenRestore
{
    /// <summary>Compares and restores; returns the outcome and one line saying what was done or what to do.</summary>
    public static (FlashOutcome Outcome, string Message, bool Rebooted) Run(PenClient client, PenBackup backup, byte[]? key, string calibrationFile)
    {
        byte[] wanted = Convert.FromBase64String(backup.CalibrationRecord);
        byte[] now;
        try { now = PenBackup.Encode(client.ReadCalibration()); }
        catch (PenCommandException) { now = Array.Empty<byte>(); }   // no calibration on the pen (erased): restore it
        bool calibrationKept = now.AsSpan().SequenceEqual(wanted);

        var differing = new List<PenBackup.SettingValue>();
        var dropped = new List<string>();
        foreach (var s in backup.Settings)
        {
            if (s.Id == SettingId.RateLevel || s.Id == SettingId.DepthTargetUm) continue;   // the running level and depth: session state, not kept across a restart
            try
            {
                if (client.GetSetting(s.Id) != s.Value) differing.Add(s);
            }
            catch (PenCommandException) { dropped.Add(s.Name); }
        }
        string migration = dropped.Count == 0 ? "" : $"; not carried over (the new firmware has no such setting): {string.Join(", ", dropped)}";
        if (calibrationKept && differing.Count == 0)
            return (FlashOutcome.Done, $"calibration kept ({wanted.Length} bytes identical) and every setting as before{migration}", false);

        string todo = calibrationKept ? $"{differing.Count} setting(s) differ from the backup"
            : "the calibration on the pen differs from the backup";
        if (key == null)
            return (FlashOutcome.Mismatch, $"{todo}; restore with --key (the pen's service key), or run: mnpen calibrate import {calibrationFile} " +
                                           $"--target {client.Target} --key <key> --reboot", false);

        var hello = client.Hello ?? client.Handshake();
        if (!hello.KeyProvisioned) client.ProvisionKey(key);   // a mass erase wipes the key with the rest of I:\
        client.Unlock(key);
        if (!calibrationKept) client.WriteCalibration(backup.DecodeCalibration());
        var refused = new List<string>();
        foreach (var s in differing)
        {
            try
            {
                if (client.SetSetting(s.Id, s.Value) != s.Value) refused.Add(s.Name);
            }
            catch (PenCommandException ex) { refused.Add(s.Name + " (" + ex.Message + ")"); }
        }
        byte[] back = PenBackup.Encode(client.ReadCalibration());
        if (!back.AsSpan().SequenceEqual(wanted))
            return (FlashOutcome.Mismatch, "the calibration written back reads differently from the backup; check it with `mnpen calibrate show` " +
                                           $"and import {calibrationFile} again", false);
        // Settings are in force the moment the pen answers them; a calibration only at the next boot. Reboot is a
        // service command, so it goes while this session is still unlocked.
        client.Reboot();
        string settings = refused.Count == 0 ? $"{differing.Count} setting(s) restored" : $"settings refused by the pen: {string.Join(", ", refused)}";
        return (refused.Count == 0 ? FlashOutcome.Done : FlashOutcome.Mismatch,
            (calibrationKept ? "calibration kept" : $"calibration restored ({wanted.Length} bytes identical)") + $", {settings}{migration}; pen restarted", true);
    }
}
