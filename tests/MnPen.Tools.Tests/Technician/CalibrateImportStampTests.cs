using System.Text.Json;

namespace MnPen.Tools.Tests.Technician;

public class CalibrateImportStampTests
{
    [Fact]
    public void Import_stamps_todays_date_the_next_due_date_and_the_technician()
    {
        using var pen = new ServedPen();
        string file = Path.Combine(Path.GetTempPath(), $"mnpen-stamp-{Guid.NewGuid():N}.json");
        try
        {
            Assert.Equal(0, Cli.Run("calibrate", "export", file, "--target", pen.Target).Exit);
            var before = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
            Assert.NotEqual(DateTime.UtcNow.ToString("yyyy-MM-dd"), before.GetProperty("calibrated_on").GetString());

            var imp = Cli.Run("calibrate", "import", file, "--target", pen.Target, "--key", "dev", "--technician", "tech-42");
            Assert.True(imp.Exit == 0, imp.Err);
            var after = JsonDocument.Parse(Cli.Run("calibrate", "show", "--target", pen.Target, "--json").Out).RootElement;
            string today = DateTime.UtcNow.ToString("yyyy-MM-dd");
            Assert.Equal(today, after.GetProperty("calibrated_on").GetString());
            Assert.Equal(DateTime.UtcNow.Date.AddDays(365).ToString("yyyy-MM-dd"), after.GetProperty("next_due").GetString());
            Assert.Equal("tech-42", after.GetProperty("technician_id").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
