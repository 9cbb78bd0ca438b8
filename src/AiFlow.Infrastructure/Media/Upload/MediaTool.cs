using System.Diagnostics;

namespace AiFlow.Infrastructure.Media.Upload;

/// <summary>Runs ffprobe or ffmpeg on a file with a deadline; past it the process tree is killed, so a crafted file cannot hold a worker.</summary>
public static class MediaTool
{
    public sealed record Outcome(int ExitCode, string Output, string Error, bool TimedOut);

    public static async Task<Outcome> RunAsync(string executable, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{executable}' could not be started ({ex.Message}); install Debian's ffmpeg package (./aiflow.sh does).", ex);
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return new Outcome(-1, "", "", TimedOut: true);
        }
        return new Outcome(process.ExitCode, await output, await error, TimedOut: false);
    }
}
