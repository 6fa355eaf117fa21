using System.Runtime.InteropServices;
using ScribeActors.Training.Worker;

// Exit codes: 0 trained (model.gguf written), 1 failed (one "error" line), 2 usage, 3 cancelled by SIGINT/SIGTERM
// between batches (the last checkpoint stays; a rerun resumes from it). A native abort ends the process with SIGABRT.
if (args.Length != 2 || args[0] != "--job")
{
    Console.Error.WriteLine("usage: ScribeActors.Training.Worker --job JOB.json");
    return 2;
}

using var cancel = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await WorkerRun.RunAsync(args[1], Console.Out, TimeProvider.System, cancel.Token);
