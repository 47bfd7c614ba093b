using System.Reflection;
using System.Text.RegularExpressions;

namespace MnPen.Safety.Tests;

public partial class TraceabilityTests
{
    [GeneratedRegex(@"^\|\s*(SAF-[A-Z]+-\d\d)\s*\|", RegexOptions.Multiline)]
    private static partial Regex RequirementRow();

    /// <summary>Requirement IDs defined in the Requirements table of docs/safety/hazards.md.</summary>
    public static HashSet<string> DefinedRequirements()
    {
        string text = File.ReadAllText(Path.Combine(RepoPaths.Root(), "docs", "safety", "hazards.md"));
        int at = text.IndexOf("## Requirements", StringComparison.Ordinal);
        Assert.True(at >= 0, "hazards.md has no '## Requirements' section");
        return RequirementRow().Matches(text[at..]).Select(m => m.Groups[1].Value).ToHashSet();
    }

    /// <summary>Requirement IDs referenced by [Trait("Requirement", ...)] on test methods, with the methods.</summary>
    public static Dictionary<string, List<string>> ReferencedRequirements()
    {
        var map = new Dictionary<string, List<string>>();
        foreach (var type in typeof(TraceabilityTests).Assembly.GetTypes())
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                foreach (var a in method.GetCustomAttributesData().Where(a => a.AttributeType == typeof(TraitAttribute)))
                {
                    if ((string?)a.ConstructorArguments[0].Value != "Requirement") continue;
                    string id = (string)a.ConstructorArguments[1].Value!;
                    if (!map.TryGetValue(id, out var list)) map[id] = list = new List<string>();
                    list.Add(type.Name + "." + method.Name);
                }
        return map;
    }

    [Fact]
    [Trait("Requirement", "SAF-DOC-01")]
    public void Traceability_is_complete_in_both_directions()
    {
        var defined = DefinedRequirements();
        var referenced = ReferencedRequirements();
        Assert.True(defined.Count >= 20, "too few requirements parsed from hazards.md");
        var untested = defined.Where(id => !referenced.ContainsKey(id)).ToArray();
        var unknown = referenced.Keys.Where(id => !defined.Contains(id)).Select(id => $"{id} (in {string.Join(", ", referenced[id])})").ToArray();
        Assert.True(untested.Length == 0, "requirements with no test: " + string.Join(", ", untested));
        Assert.True(unknown.Length == 0, "tests reference unknown requirements: " + string.Join(", ", unknown));
    }

    [Fact]
    [Trait("Requirement", "SAF-DOC-01")]
    public void Hazard_table_rows_name_known_requirements_and_existing_test_classes()
    {
        string text = File.ReadAllText(Path.Combine(RepoPaths.Root(), "docs", "safety", "hazards.md"));
        var defined = DefinedRequirements();
        var classes = typeof(TraceabilityTests).Assembly.GetTypes().Select(t => t.Name).ToHashSet();
        var rows = text.Split('\n').Where(l => Regex.IsMatch(l, @"^\| H\d+ \|")).ToArray();
        Assert.True(rows.Length >= 20);
        foreach (var row in rows)
        {
            var cells = row.Split('|').Select(c => c.Trim()).ToArray();
            string id = cells[^3], verified = cells[^2];
            Assert.Contains(id, defined);
            foreach (var cls in verified.Split(',').Select(s => s.Trim()))
                Assert.True(classes.Contains(cls), $"{cells[1]}: no test class {cls}");
        }
    }
}
