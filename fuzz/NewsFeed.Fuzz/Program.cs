using SharpFuzz;

namespace NewsFeed.Fuzz;

/// <summary>
/// <c>NewsFeed.Fuzz TARGET</c> under afl-fuzz, or <c>NewsFeed.Fuzz TARGET --replay FILE...</c> to run saved inputs
/// (a crash afl found, a corpus) directly and see the exception. Replay from a build that is not instrumented
/// (<c>dotnet run --project fuzz/NewsFeed.Fuzz -- TARGET --replay FILE</c>): instrumented code runs only under afl.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: NewsFeed.Fuzz {string.Join('|', Targets.All.Keys)} [--replay FILE...]");
            return 2;
        }

        if (args.Length > 1 && args[1] == "--replay")
        {
            var failed = 0;
            foreach (var file in args[2..])
            {
                try
                {
                    target(File.ReadAllBytes(file));
                }
                catch (Exception e)
                {
                    failed++;
                    Console.Error.WriteLine($"{file}: {e}");
                }
            }

            Console.WriteLine($"{args.Length - 2 - failed} passed, {failed} failed");
            return failed == 0 ? 0 : 1;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target(buffer.ToArray());
        });
        return 0;
    }
}
