using System.Diagnostics;
using System.Reflection;

namespace NewsFeed.Web.Rendering;

/// <summary>
/// Tells an input's failure from our bug. What a parser library (YamlDotNet, Markdig, AngleSharp) throws from its
/// own code while reading a file is about that file: a problem to report. What our code throws is a bug to log.
/// </summary>
public static class LibraryFailure
{
    /// <summary>
    /// Whether the innermost frame of <paramref name="e"/> outside the .NET runtime libraries is in one of
    /// <paramref name="libraries"/>: a library that hits a <c>Stack.Pop</c> on an empty stack (YamlDotNet's scanner on an
    /// unclosed list) throws from the runtime's code, on the library's behalf.
    /// </summary>
    public static bool IsFrom(Exception e, params Assembly[] libraries)
    {
        foreach (var frame in new StackTrace(e, fNeedFileInfo: false).GetFrames())
        {
            var assembly = frame.GetMethod()?.DeclaringType?.Assembly;
            if (assembly is null || IsRuntime(assembly))
            {
                continue;
            }

            return Array.IndexOf(libraries, assembly) >= 0;
        }

        return false;
    }

    private static bool IsRuntime(Assembly assembly) =>
        assembly == typeof(object).Assembly || assembly.GetName().Name?.StartsWith("System.", StringComparison.Ordinal) == true;
}
