using System.Text.Json;
using System.Text.Json.Nodes;
using MnPen.Calibration;
using MnPen.Client;

namespace MnPen.Tools.Tests.Technician;

/// <summary>The calibration file carries the motor constants (format 2); format 1 files still import; bad motor values are refused.</summary>
public class CalibrationFileMotorTests
{
    private static JsonObject Export(ServedPen pen, string file)
    {
        var exp = Cli.Run("calibrate", "export", file, "--target", pen.Target);
        Assert.True(exp.Exit == 0, exp.Err);
        return JsonNode.Parse(File.ReadAllText(file))!.AsObject();
    }

    private static byte[] Stored(ServedPen pen)
    {
        using var c = PenClient.Connect(pen.Target, ServedPen.Timeout);
        return CalibrationWriter.Bytes(c.ReadCalibration());
    }

    [Fact]
    public void Export_writes_the_pens_measured_motor_constants_and_import_puts_them_back()
    {
        using var pen = new ServedPen();
        string file = Path.Combine(Path.GetTempPath(), $"mnpen-motor-{Guid.NewGuid():N}.json");
        try
        {
            var json = Export(pen, file);
            Assert.Equal(CalibrationFile.FormatTag, (string?)json["format"]);
            Assert.True((bool)json["motor_calibrated"]!);
            double ohms = (double)json["motor_resistance_ohms"]!;
            Assert.InRange(ohms, 1.5, 6.0);
            json["motor_resistance_ohms"] = Math.Round(ohms * 1.1, 4);
            File.WriteAllText(file, json.ToJsonString());
            var imp = Cli.Run("calibrate", "import", file, "--target", pen.Target, "--key", "dev");
            Assert.True(imp.Exit == 0, imp.Err);
            var shown = JsonDocument.Parse(Cli.Run("calibrate", "show", "--target", pen.Target, "--json").Out).RootElement;
            Assert.Equal(Math.Round(ohms * 1.1, 4), shown.GetProperty("motor_resistance_ohms").GetDouble(), 4);
            Assert.Contains("measured on this pen", Cli.Run("calibrate", "show", "--target", pen.Target).Out);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_format_1_file_imports_with_a_note_and_the_pen_keeps_its_own_motor_constants()
    {
        using var pen = new ServedPen();
        string file = Path.Combine(Path.GetTempPath(), $"mnpen-motor-{Guid.NewGuid():N}.json");
        try
        {
            var json = Export(pen, file);
            double ohms = (double)json["motor_resistance_ohms"]!;
            json.Remove("motor_resistance_ohms");
            json.Remove("motor_back_emf_volt_seconds_per_rad");
            json.Remove("motor_calibrated");
            json["format"] = CalibrationFile.FormatTagV1;
            File.WriteAllText(file, json.ToJsonString());

            var imp = Cli.Run("calibrate", "import", file, "--target", pen.Target, "--key", "dev");
            Assert.True(imp.Exit == 0, imp.Err);
            Assert.Contains("has no motor constants; the pen keeps its own", imp.Out);
            var shown = JsonDocument.Parse(Cli.Run("calibrate", "show", "--target", pen.Target, "--json").Out).RootElement;
            Assert.True(shown.GetProperty("motor_calibrated").GetBoolean());
            Assert.Equal(ohms, shown.GetProperty("motor_resistance_ohms").GetDouble(), 5);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("motor_resistance_ohms", "0.2", "motor_resistance_ohms 0.2 is outside")]
    [InlineData("motor_back_emf_volt_seconds_per_rad", "0.05", "motor_back_emf_volt_seconds_per_rad 0.05 is outside")]
    [InlineData("motor_calibrated", null, "go together")]
    public void A_bad_motor_value_is_refused_with_exit_2_and_nothing_written(string field, string? value, string message)
    {
        using var pen = new ServedPen();
        string file = Path.Combine(Path.GetTempPath(), $"mnpen-motor-{Guid.NewGuid():N}.json");
        try
        {
            var json = Export(pen, file);
            if (value == null) json.Remove(field);
            else json[field] = JsonNode.Parse(value);
            File.WriteAllText(file, json.ToJsonString());
            byte[] before = Stored(pen);

            var imp = Cli.Run("calibrate", "import", file, "--target", pen.Target, "--key", "dev");
            Assert.Equal(2, imp.Exit);
            Assert.Contains(message, imp.Err);
            Assert.Contains("nothing was written", imp.Err);
            Assert.Equal(before, Stored(pen));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
