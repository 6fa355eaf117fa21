using ScribeActors.Cli.Commands;

return await ScribeCommands.Build().Parse(args).InvokeAsync();
