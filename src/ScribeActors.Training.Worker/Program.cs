using ScribeActors.Training.Worker;

if (args.Length != 2 || args[0] != "--job")
{
    Console.Error.WriteLine("usage: ScribeActors.Training.Worker --job JOB.json");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await WorkerRun.RunAsync(args[1], Console.Out, TimeProvider.System, cancel.Token);
