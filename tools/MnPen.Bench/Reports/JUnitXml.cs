using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace MnPen.Bench.Reports;

/// <summary>
/// Builds JUnit XML in the strict shape (the Ant JUnit schema that the strictest CI parsers validate against):
/// testsuite carries id, package, name, timestamp (no zone), hostname, tests, failures, errors, skipped and time;
/// its children are properties, then testcases, then system-out and system-err; a testcase holds at most one failure.
/// </summary>
public static class JUnitXml
{
    /// <summary>Timestamp as the schema wants it: local date-time without zone; we write UTC.</summary>
    public static string Timestamp(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Seconds as the schema's decimal (never exponent notation, never negative).</summary>
    public static string Seconds(double s) => Math.Max(0, double.IsFinite(s) ? s : 0).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A testsuite element with its attributes and properties; add testcases, then call Close.</summary>
    public static XElement Suite(int id, string package, string name, DateTime startedUtc, string hostname, double seconds,
        IEnumerable<KeyValuePair<string, string>> properties, int tests, int failures)
    {
        return new XElement("testsuite",
            new XAttribute("id", id),
            new XAttribute("package", package),
            new XAttribute("name", name),
            new XAttribute("timestamp", Timestamp(startedUtc)),
            new XAttribute("hostname", string.IsNullOrWhiteSpace(hostname) ? "localhost" : hostname),
            new XAttribute("tests", tests),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(seconds)),
            new XElement("properties", properties.Select(p => new XElement("property", new XAttribute("name", p.Key), new XAttribute("value", p.Value)))));
    }

    /// <summary>A testcase; failure text (null when it passed) becomes one failure element.</summary>
    public static XElement Case(string classname, string name, double seconds, string? failureMessage, string? failureText)
    {
        var tc = new XElement("testcase", new XAttribute("name", name), new XAttribute("classname", classname), new XAttribute("time", Seconds(seconds)));
        if (failureMessage != null)
            tc.Add(new XElement("failure", new XAttribute("message", failureMessage), new XAttribute("type", "check"), failureText ?? failureMessage));
        return tc;
    }

    /// <summary>Adds the trailing system-out (and empty system-err) the strict schema requires.</summary>
    public static void Close(XElement suite, string systemOut)
    {
        suite.Add(new XElement("system-out", systemOut), new XElement("system-err", ""));
    }

    /// <summary>The testsuites root with totals.</summary>
    public static XDocument Document(string name, IReadOnlyList<XElement> suites, double seconds)
    {
        int Sum(string attr) => suites.Sum(s => int.Parse(s.Attribute(attr)!.Value, CultureInfo.InvariantCulture));
        var root = new XElement("testsuites",
            new XAttribute("name", name),
            new XAttribute("tests", Sum("tests")),
            new XAttribute("failures", Sum("failures")),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(seconds)),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    /// <summary>Saves indented UTF-8 without a byte-order mark.</summary>
    public static void Save(XDocument doc, string path)
    {
        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        doc.Save(writer);
    }
}
