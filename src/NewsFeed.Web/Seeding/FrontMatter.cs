using System.Globalization;
using NewsFeed.Web.Rendering;
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

    /// <summary>
    /// Parses <paramref name="yaml"/>, whose first line is line <paramref name="firstLine"/> of the file. Never throws
    /// for what the text holds: whatever YamlDotNet throws (its own <see cref="YamlException"/>, and also the
    /// <see cref="InvalidOperationException"/> its scanner throws on some unclosed lists) becomes a problem at the
    /// last position the parser reached. An exception from our own code is a bug and is left to the caller's boundary.
    /// </summary>
    public static FrontMatter Parse(string yaml, int firstLine, ProblemSink problems)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var unreadable = false;
        var parser = new TrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<DocumentStart>(out _))
            {
                var root = ReadNode(parser, firstLine, problems, 0, "");
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
            var at = e.Start.Line > 0 ? e.Start : parser.Reached;
            problems.Error(firstLine + (int)at.Line - 1, (int)at.Column,
                $"front matter could not be parsed near line {firstLine + (int)at.Line - 1}: {Describe(e)}");
            unreadable = true;
        }
        catch (FrontMatterException e)
        {
            problems.Error(e.Line, e.Column, e.Message);
            unreadable = true;
        }
        catch (Exception e) when (LibraryFailure.IsFrom(e, typeof(Parser).Assembly))
        {
            var at = parser.Reached;
            var line = firstLine + Math.Max((int)at.Line, 1) - 1;
            problems.Error(line, Math.Max((int)at.Column, 1),
                $"front matter could not be parsed near line {line}: check that every [, {{ and quote opened there is closed on the same line");
            unreadable = true;
        }

        return new FrontMatter(fields, problems) { Unreadable = unreadable };
    }

    public bool Has(string field) => _fields.ContainsKey(field);

    /// <summary>Line of a field's value, or 0 when the field is absent.</summary>
    public int LineOf(string field) => _fields.TryGetValue(field, out var node) ? node.Line : 0;

    /// <summary>A single text, trimmed; null when absent, empty or blank (only spaces or invisible characters).</summary>
    public string? Text(string field, int maxLength)
    {
        var node = Take(field);
        return node is null ? null : ScalarText(field, node, maxLength);
    }

    /// <summary>
    /// A text the file cannot do without (an article's headline, an author's name): missing, empty and blank are
    /// each an error naming the field, <paramref name="purpose"/> saying why it is needed.
    /// </summary>
    public string? RequiredText(string field, int maxLength, string purpose)
    {
        var before = _problems.Count;
        var text = Text(field, maxLength);
        if (text is null && _problems.Count == before)
        {
            var state = _fields.TryGetValue(field, out var node)
                ? node is YamlScalar { IsNull: false } ? "is blank" : "has no value"
                : "missing";
            _problems.Error(Math.Max(LineOf(field), 1), node?.Column ?? 1, $"{field}: {state}; {purpose}");
        }

        return text;
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

    /// <summary>A list of short texts; a single value counts as a list of one; empty items are left out with a warning.</summary>
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
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var item = sequence.Items[i];
                    var name = $"{field}[{i + 1}]";
                    if (item is YamlScalar { IsNull: true } || (item is YamlScalar s && VisibleText.IsBlank(s.Value)))
                    {
                        _problems.Warning(item.Line, item.Column, $"{name}: empty entry; it is left out");
                    }
                    else if (ScalarText(name, item, maxLength) is { } text)
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
                return new FrontMatter(ToFields(map), _problems.Within(field));
            default:
                _problems.Error(node.Line, node.Column, $"{field}: expected fields on the lines below it, indented");
                return null;
        }
    }

    /// <summary>
    /// The items of a list field whose items may be texts or mappings (<c>related:</c>). An item that is neither (a
    /// nested list, an empty entry) is an error naming the field and the item, and is left out.
    /// </summary>
    public IReadOnlyList<FrontMatterItem> Items(string field)
    {
        var node = Take(field);
        switch (node)
        {
            case null or YamlScalar { IsNull: true }:
                return [];
            case YamlSequence sequence:
                var items = new List<FrontMatterItem>();
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var name = $"{field}[{i + 1}]";
                    switch (sequence.Items[i])
                    {
                        case YamlScalar { IsNull: true } empty:
                            _problems.Error(empty.Line, empty.Column, $"{name}: empty entry; remove the line or fill it in");
                            break;
                        case YamlScalar scalar:
                            items.Add(new FrontMatterItem(name, scalar.Value, null, scalar.Line, scalar.Column));
                            break;
                        case YamlMap map:
                            items.Add(new FrontMatterItem(name, null, new FrontMatter(ToFields(map), _problems.Within(name)), map.Line, map.Column));
                            break;
                        case var other:
                            _problems.Error(other.Line, other.Column, $"{name}: expected a value or fields on the lines below it, found a list");
                            break;
                    }
                }

                return items;
            case YamlScalar scalar:
                return [new FrontMatterItem(field, scalar.Value, null, scalar.Line, scalar.Column)];
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
        if (VisibleText.IsBlank(value))
        {
            return null;
        }

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

    private static YamlNode ReadNode(IParser parser, int firstLine, ProblemSink problems, int depth, string where)
    {
        if (depth > MaxDepth)
        {
            var here = parser.Current?.Start ?? Mark.Empty;
            throw new FrontMatterException(firstLine + Math.Max((int)here.Line, 1) - 1, Math.Max((int)here.Column, 1), $"front matter is nested more than {MaxDepth} levels deep");
        }

        var current = parser.Current ?? throw new YamlException("unexpected end of front matter");
        var line = firstLine + (int)current.Start.Line - 1;
        var column = (int)current.Start.Column;

        switch (current)
        {
            case AnchorAlias:
                throw new FrontMatterException(line, column, "YAML aliases (*name) are not supported in front matter");
            case Scalar scalar:
                CheckTag(scalar.Tag, "str", where, line, column, problems);
                parser.MoveNext();
                var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
                return new YamlScalar(scalar.Value, isNull, line, column);
            case SequenceStart sequenceStart:
                CheckTag(sequenceStart.Tag, "seq", where, line, column, problems);
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, firstLine, problems, depth + 1, $"{where}[{items.Count + 1}]"));
                }

                return new YamlSequence(items, line, column);
            case MappingStart mappingStart:
                CheckTag(mappingStart.Tag, "map", where, line, column, problems);
                parser.MoveNext();
                var entries = new List<KeyValuePair<string, YamlNode>>();
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (parser.Current is not Scalar key)
                    {
                        var at = parser.Current?.Start ?? Mark.Empty;
                        throw new FrontMatterException(firstLine + Math.Max((int)at.Line, 1) - 1, Math.Max((int)at.Column, 1), "a field name must be plain text");
                    }

                    var keyLine = firstLine + (int)key.Start.Line - 1;
                    var keyColumn = (int)key.Start.Column;
                    parser.MoveNext();
                    var value = ReadNode(parser, firstLine, problems, depth + 1, where.Length == 0 ? key.Value : $"{where}.{key.Value}") with { KeyLine = keyLine, KeyColumn = keyColumn };
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

    /// <summary>
    /// An explicit YAML tag (<c>!!python/object:...</c>, <c>!Custom</c>, <c>!!binary</c>) asks a YAML library to build
    /// something other than text; we never do, so silently dropping it would show the editor something else than
    /// they wrote. It is an error naming the field; only the tag a value already has (<c>!!str</c> on a text) passes.
    /// </summary>
    private static void CheckTag(TagName tag, string plain, string where, int line, int column, ProblemSink problems)
    {
        if (tag.IsEmpty || tag.IsNonSpecific || tag.Value == "tag:yaml.org,2002:" + plain)
        {
            return;
        }

        var shown = tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + tag.Value["tag:yaml.org,2002:".Length..] : tag.Value;
        shown = shown.Length > 60 ? shown[..60] + "…" : shown;
        problems.Error(line, column, $"{(where.Length == 0 ? "front matter" : where)}: the YAML tag '{shown}' is not supported; remove it (front matter holds plain values)");
    }

    private static Dictionary<string, YamlNode> ToFields(YamlMap map) =>
        map.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>A parser that remembers how far it got, so a failure deep in YamlDotNet still has a line.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark Reached { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (inner.Current is { } current)
            {
                Reached = current.End;
            }

            var moved = inner.MoveNext();
            if (inner.Current is { } next)
            {
                Reached = next.Start;
            }

            return moved;
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

/// <summary>
/// An item of a list field: either a plain value or a set of fields (exactly one is set). <c>Name</c> is the item as
/// problems name it: <c>related[2]</c>.
/// </summary>
public sealed record FrontMatterItem(string Name, string? Value, FrontMatter? Fields, int Line, int Column);
