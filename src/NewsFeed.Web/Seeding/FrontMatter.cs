using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NewsFeed.Web.Seeding;

/// <summary>
/// YAML front matter read into a plain tree with line numbers, and typed field readers that name the
/// field in every problem. We read YAML events ourselves instead of deserializing because a YAML library
/// happily reads <c>draft: yes</c> as true, keeps the last of two equal keys and reads <c>03/04/2025</c>
/// as a date; editors deserve to hear about each of those.
/// </summary>
public sealed class FrontMatter
{
    private const int MaxDepth = 16;

    private readonly Dictionary<string, YamlNode> _fields;
    private readonly ProblemSink _problems;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private FrontMatter(Dictionary<string, YamlNode> fields, ProblemSink problems)
    {
        _fields = fields;
        _problems = problems;
    }

    /// <summary>True when the YAML could not be read at all; no field is then worth reporting on.</summary>
    public bool Unreadable { get; private init; }

    /// <summary>Parses <paramref name="yaml"/>, whose first line is line <paramref name="firstLine"/> of the file.</summary>
    public static FrontMatter Parse(string yaml, int firstLine, ProblemSink problems)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var unreadable = false;
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<DocumentStart>(out _))
            {
                var root = ReadNode(parser, firstLine, problems, 0);
                if (root is YamlMap map)
                {
                    foreach (var (key, value) in map.Entries)
                    {
                        fields[key] = value;
                    }
                }
                else if (root is not YamlScalar { IsNull: true })
                {
                    problems.Error(root.Line, root.Column, "front matter must be a list of 'field: value' lines");
                }
            }
        }
        catch (YamlException e)
        {
            problems.Error(firstLine + (int)e.Start.Line - 1, (int)e.Start.Column, $"front matter is not valid YAML: {Describe(e)}");
            unreadable = true;
        }
        catch (FrontMatterException e)
        {
            problems.Error(e.Line, e.Column, e.Message);
            unreadable = true;
        }

        return new FrontMatter(fields, problems) { Unreadable = unreadable };
    }

    public bool Has(string field) => _fields.ContainsKey(field);

    /// <summary>Line of a field's value, or 0 when the field is absent.</summary>
    public int LineOf(string field) => _fields.TryGetValue(field, out var node) ? node.Line : 0;

    public string? Text(string field, int maxLength)
    {
        var node = Take(field);
        return node is null ? null : ScalarText(field, node, maxLength);
    }

    /// <summary>A boolean written as <c>true</c> or <c>false</c>; YAML 1.1's yes/no/on/off are refused by name.</summary>
    public bool? Bool(string field)
    {
        var node = Take(field);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalar scalar && !scalar.IsNull)
        {
            switch (scalar.Value.Trim().ToLowerInvariant())
            {
                case "true":
                    return true;
                case "false":
                    return false;
            }
        }

        _problems.Error(node.Line, node.Column, $"{field}: '{Shown(node)}' is not true or false");
        return null;
    }

    /// <summary>
    /// An ISO 8601 date (<c>2025-09-15</c>) or date and time (<c>2025-09-15T14:30:00+03:00</c>); a time
    /// without offset is UTC. Other formats are refused: <c>03/04/2025</c> means different days to different people.
    /// </summary>
    public DateTime? Date(string field)
    {
        var node = Take(field);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalar scalar && !scalar.IsNull && TryParseDate(scalar.Value.Trim(), out var utc))
        {
            return utc;
        }

        _problems.Error(node.Line, node.Column,
            $"{field}: '{Shown(node)}' is not a date; write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM");
        return null;
    }

    /// <summary>A list of short texts; a single value counts as a list of one.</summary>
    public IReadOnlyList<(string Value, int Line)> List(string field, int maxLength)
    {
        var node = Take(field);
        switch (node)
        {
            case null:
                return [];
            case YamlScalar { IsNull: true }:
                return [];
            case YamlScalar scalar:
                return ScalarText(field, scalar, maxLength) is { } single ? [(single, scalar.Line)] : [];
            case YamlSequence sequence:
                var items = new List<(string, int)>();
                foreach (var item in sequence.Items)
                {
                    if (ScalarText(field, item, maxLength) is { } text)
                    {
                        items.Add((text, item.Line));
                    }
                }

                return items;
            default:
                _problems.Error(node.Line, node.Column, $"{field}: expected a list like [first, second]");
                return [];
        }
    }

    /// <summary>A nested mapping (like <c>image:</c>), read with the same rules; null when absent.</summary>
    public FrontMatter? Map(string field)
    {
        var node = Take(field);
        switch (node)
        {
            case null or YamlScalar { IsNull: true }:
                return null;
            case YamlMap map:
                return new FrontMatter(map.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal), _problems.Within(field));
            default:
                _problems.Error(node.Line, node.Column, $"{field}: expected fields on the lines below it, indented");
                return null;
        }
    }

    /// <summary>The raw items of a list field, for lists whose items may be texts or mappings (<c>related:</c>).</summary>
    public IReadOnlyList<FrontMatterItem> Items(string field)
    {
        var node = Take(field);
        switch (node)
        {
            case null or YamlScalar { IsNull: true }:
                return [];
            case YamlSequence sequence:
                return sequence.Items.Select((item, i) => new FrontMatterItem(
                    item is YamlScalar s ? s.Value : null,
                    item is YamlMap m ? new FrontMatter(m.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal), _problems.Within($"{field}[{i + 1}]")) : null,
                    item.Line, item.Column)).ToList();
            case YamlScalar scalar:
                return [new FrontMatterItem(scalar.Value, null, scalar.Line, scalar.Column)];
            default:
                _problems.Error(node.Line, node.Column, $"{field}: expected a list");
                return [];
        }
    }

    /// <summary>Warns about every field no reader asked for: usually a typo (<c>publised:</c>).</summary>
    public void WarnUnknown(string where)
    {
        foreach (var (key, node) in _fields)
        {
            if (!_read.Contains(key))
            {
                _problems.Warning(node.KeyLine, node.KeyColumn, $"unknown field '{_problems.Prefix}{key}' in {where}; it is ignored");
            }
        }
    }

    internal static bool TryParseDate(string text, out DateTime utc)
    {
        string[] formats =
        [
            "yyyy-MM-dd",
            "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK",
        ];
        if (DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        utc = default;
        return false;
    }

    private YamlNode? Take(string field)
    {
        _read.Add(field);
        return _fields.TryGetValue(field, out var node) ? node : null;
    }

    private string? ScalarText(string field, YamlNode node, int maxLength)
    {
        if (node is not YamlScalar scalar)
        {
            _problems.Error(node.Line, node.Column, $"{field}: expected a single value, found a {(node is YamlMap ? "set of fields" : "list")}");
            return null;
        }

        if (scalar.IsNull)
        {
            return null;
        }

        var value = scalar.Value.Trim();
        if (value.Length > maxLength)
        {
            _problems.Error(node.Line, node.Column, $"{field}: {value.Length} characters is too long (at most {maxLength})");
            return null;
        }

        if (value.Any(char.IsControl))
        {
            _problems.Error(node.Line, node.Column, $"{field}: contains a control character");
            return null;
        }

        return value;
    }

    private static string Shown(YamlNode node) => node switch
    {
        YamlScalar s => s.Value.Length > 40 ? s.Value[..40] + "…" : s.Value,
        YamlSequence => "a list",
        _ => "a set of fields",
    };

    private static string Describe(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 20) - (...): "; we report the position ourselves.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    private static YamlNode ReadNode(IParser parser, int firstLine, ProblemSink problems, int depth)
    {
        if (depth > MaxDepth)
        {
            var here = parser.Current!.Start;
            throw new FrontMatterException(firstLine + (int)here.Line - 1, (int)here.Column, $"front matter is nested more than {MaxDepth} levels deep");
        }

        var current = parser.Current ?? throw new YamlException("unexpected end of front matter");
        var line = firstLine + (int)current.Start.Line - 1;
        var column = (int)current.Start.Column;

        switch (current)
        {
            case AnchorAlias:
                throw new FrontMatterException(line, column, "YAML aliases (*name) are not supported in front matter");
            case Scalar scalar:
                parser.MoveNext();
                var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
                return new YamlScalar(scalar.Value, isNull, line, column);
            case SequenceStart:
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, firstLine, problems, depth + 1));
                }

                return new YamlSequence(items, line, column);
            case MappingStart:
                parser.MoveNext();
                var entries = new List<KeyValuePair<string, YamlNode>>();
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (parser.Current is not Scalar key)
                    {
                        var at = parser.Current!.Start;
                        throw new FrontMatterException(firstLine + (int)at.Line - 1, (int)at.Column, "a field name must be plain text");
                    }

                    var keyLine = firstLine + (int)key.Start.Line - 1;
                    var keyColumn = (int)key.Start.Column;
                    parser.MoveNext();
                    var value = ReadNode(parser, firstLine, problems, depth + 1) with { KeyLine = keyLine, KeyColumn = keyColumn };
                    if (seen.TryGetValue(key.Value, out var firstAt))
                    {
                        problems.Error(keyLine, keyColumn, $"'{key.Value}' is given twice (first on line {firstAt}); keep one");
                        continue;
                    }

                    seen[key.Value] = keyLine;
                    entries.Add(new(key.Value, value));
                }

                return new YamlMap(entries, line, column);
            default:
                throw new FrontMatterException(line, column, $"unexpected {current.GetType().Name} in front matter");
        }
    }

    private abstract record YamlNode(int Line, int Column)
    {
        public int KeyLine { get; init; } = Line;
        public int KeyColumn { get; init; } = Column;
    }

    private sealed record YamlScalar(string Value, bool IsNull, int Line, int Column) : YamlNode(Line, Column);

    private sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column);

    private sealed record YamlMap(IReadOnlyList<KeyValuePair<string, YamlNode>> Entries, int Line, int Column) : YamlNode(Line, Column);

    private sealed class FrontMatterException(int line, int column, string message) : Exception(message)
    {
        public int Line { get; } = line;
        public int Column { get; } = column;
    }
}

/// <summary>An item of a list field: either a plain value or a set of fields.</summary>
public sealed record FrontMatterItem(string? Value, FrontMatter? Fields, int Line, int Column);
