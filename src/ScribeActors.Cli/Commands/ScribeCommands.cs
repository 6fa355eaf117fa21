using System.CommandLine;

namespace ScribeActors.Cli.Commands;

/// <summary>The <c>scribe</c> command tree.</summary>
internal static class ScribeCommands
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ScribeActors: durable web workflows on Orleans.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(HostCommands.Silo());
        root.Subcommands.Add(HostCommands.Sites());
        foreach (var command in WorkflowCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(ScheduleCommands.Create());
        root.Subcommands.Add(RecordCommands.Tasks());
        root.Subcommands.Add(RecordCommands.Record());
        root.Subcommands.Add(DatasetCommands.Create());
        root.Subcommands.Add(AgentCommands.Observe());
        root.Subcommands.Add(AgentCommands.Prune());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(QuantizeCommand.Create());
        return root;
    }
}
