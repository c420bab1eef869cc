using System.Runtime.InteropServices;

namespace NewsFeed.Web.Seeding;

/// <summary>
/// The CPU time one thread has used, read from another thread (Linux: <c>pthread_getcpuclockid</c>). A render's time
/// limit counts this, not the wall clock: on a machine busy with other work a good file's render waits for a core,
/// and only a file that is itself costly uses a second of CPU. Elsewhere, or if the clock cannot be read, it is null
/// and the caller falls back to the wall clock.
/// </summary>
internal sealed class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;
    private readonly int _clock;

    private ThreadCpuClock(int clock) => _clock = clock;

    /// <summary>The clock of the calling thread, or null where there is none.</summary>
    public static ThreadCpuClock? OfCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return PthreadGetCpuClockId(PthreadSelf(), out var clock) == 0 ? new ThreadCpuClock(clock) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The CPU time the thread has used so far, or null when it cannot be read (the thread has ended).</summary>
    public TimeSpan? Elapsed => ClockGetTime(_clock, out var time) == 0 ? time.ToTimeSpan() : null;

    /// <summary>The CPU time of the calling thread itself (readable after the thread's work is done).</summary>
    public static TimeSpan? CurrentThread() =>
        OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0
            ? time.ToTimeSpan()
            : null;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;

        public readonly TimeSpan ToTimeSpan() => TimeSpan.FromTicks((Seconds * TimeSpan.TicksPerSecond) + (Nanoseconds / 100));
    }

    // DllImport, not LibraryImport: these signatures are blittable and need no marshalling, and LibraryImport would
    // make the whole project allow unsafe code.
    [DllImport("libc", EntryPoint = "pthread_self")]
    private static extern nint PthreadSelf();

    [DllImport("libc", EntryPoint = "pthread_getcpuclockid")]
    private static extern int PthreadGetCpuClockId(nint thread, out int clock);

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
