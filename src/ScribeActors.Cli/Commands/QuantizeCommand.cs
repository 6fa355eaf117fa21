using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using ScribeActors.Inference;

namespace ScribeActors.Cli.Commands;

/// <summary>scribe quantize: a quantized copy of a llama GGUF (for example one `scribe train` wrote), through llama.cpp.</summary>
internal static class QuantizeCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "The llama GGUF to quantize.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where the quantized copy goes.", Required = true };
        var type = new Option<string>("--type") { Description = $"Quantization type: {string.Join(", ", ModelQuantizer.Types)}.", DefaultValueFactory = _ => "q8_0" };
        var command = new Command("quantize", "Write a quantized copy of a llama GGUF.") { model, output, type };
        command.SetAction((result, _) =>
        {
            var (source, target) = (result.GetValue(model)!.FullName, result.GetValue(output)!.FullName);
            try
            {
                ModelQuantizer.Quantize(source, target, result.GetValue(type)!, NullLogger.Instance);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException(e.Message, e);
            }

            Console.WriteLine($"Quantized    {source} ({new FileInfo(source).Length / 1024.0:N0} KB) -> {target} ({new FileInfo(target).Length / 1024.0:N0} KB, {result.GetValue(type)})");
            return Task.FromResult(0);
        });
        return WorkflowCommands.Guarded(command);
    }
}
