using ScribeActors.Abstractions;
using ScribeActors.Agent.Datasets;
using ScribeActors.Agent.Planning;
using ScribeActors.Agent.Prompting;
using ScribeActors.Agent.Pruning;
using ScribeActors.Training.Graph;
using ScribeActors.Training.Tokenizer;

namespace ScribeActors.Training.Data;

/// <summary>One dataset record as the model trains on it: the prompt production would build, and the answer.</summary>
/// <param name="RecordId">The dataset record.</param>
/// <param name="Prompt">The chat-templated prompt, exactly as the planner builds it for this model.</param>
/// <param name="Answer">What the model must write: the four lines the page grammar allows (the Target is copied from the page).</param>
/// <param name="Ids">The tokens: prompt (with BOS) and answer (ending with EOS).</param>
public sealed record StepExample(string RecordId, string Prompt, string Answer, TrainingExample Ids);

/// <summary>What <see cref="StepExamples.Build"/> made of a set of records.</summary>
/// <param name="Examples">The usable examples.</param>
/// <param name="Cut">Records left out, each with why: the gold element did not fit in the observation the model would
/// see, or the prompt alone fills the context.</param>
public sealed record StepExampleSet(IReadOnlyList<StepExample> Examples, IReadOnlyList<(string RecordId, string Reason)> Cut);

/// <summary>
/// Turns dataset records into training examples through the production planner itself: a generator that answers with
/// the expert's step stands in for the model, so the prompt it is asked with (prune with this model's tokenizer, fit into
/// this model's context, the reference's prompt, ChatML) is exactly what the model will read in a workflow, and the
/// planner's validation drops a record whose gold element the model would not be shown.
/// </summary>
public static class StepExamples
{
    /// <summary>Builds the examples of <paramref name="records"/> for a model with <paramref name="tokenizer"/> and <paramref name="contextSize"/>.</summary>
    public static async Task<StepExampleSet> Build(IReadOnlyList<DatasetRecord> records, SpmTokenizer tokenizer, int contextSize, PlanSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(settings);
        var examples = new List<StepExample>();
        var cut = new List<(string, string)>();
        var counter = new SpmTokenCounter(tokenizer);
        foreach (var record in records)
        {
            var answer = Answer(record, settings.NodeRepeat);
            var teacher = new Teacher(counter, contextSize, answer);
            var planned = await ModelStepPlanner.PlanAsync(new PlanRequest(record.Objective, record.Url, record.Dom, record.PreviousSteps, settings with { MaxInvalidRetries = 0, AllowFinish = true }), teacher, cancellationToken).ConfigureAwait(false);
            if (planned.Step is null || teacher.Prompt is null)
            {
                cut.Add((record.Id, planned.Error ?? "no prompt was built"));
                continue;
            }

            var promptIds = tokenizer.Encode(teacher.Prompt, addBos: true, parseSpecial: true);
            var allIds = tokenizer.Encode(teacher.Prompt + answer, addBos: true, parseSpecial: true);
            if (!allIds.AsSpan(0, promptIds.Length).SequenceEqual(promptIds))
            {
                cut.Add((record.Id, "the prompt's tokens are not a prefix of the prompt and answer's tokens"));
                continue;
            }

            var answerIds = allIds[promptIds.Length..].Append(SpmVocabulary.EosId).ToArray();
            if (promptIds.Length + answerIds.Length > contextSize)
            {
                cut.Add((record.Id, $"{promptIds.Length + answerIds.Length} tokens do not fit the {contextSize}-token context"));
                continue;
            }

            examples.Add(new StepExample(record.Id, teacher.Prompt, answer, new TrainingExample(promptIds, answerIds)));
        }

        return new StepExampleSet(examples, cut);
    }

    /// <summary>The expert's step as the grammar lets the model write it: number, description, action and node lines.</summary>
    public static string Answer(DatasetRecord record, int nodeRepeat)
    {
        ArgumentNullException.ThrowIfNull(record);
        var block = (record.TargetStep with { Number = record.PreviousSteps.Count + 1 }).Render(nodeRepeat);
        return block[..(block.IndexOf("\nTarget: ", StringComparison.Ordinal) + 1)];
    }

    /// <summary>The model's tokenizer as the planner counts with it (special tokens parsed, as the prompt is).</summary>
    private sealed class SpmTokenCounter(SpmTokenizer tokenizer) : ITokenCounter
    {
        public string Name => "spm";

        public int CountTokens(string text) => tokenizer.Encode(text, addBos: false, parseSpecial: true).Length;
    }

    /// <summary>Answers the planner with the expert's step and keeps the prompt it was asked with.</summary>
    private sealed class Teacher(ITokenCounter tokens, int contextSize, string answer) : IStepGenerator
    {
        public string? Prompt { get; private set; }

        public string ModelId => "teacher";

        public ITokenCounter Tokens => tokens;

        public IChatTemplate Template => ChatMlTemplate.Instance;

        public int ContextSize => contextSize;

        public Task<GeneratedText> GenerateAsync(GenerationCall call, CancellationToken cancellationToken)
        {
            Prompt = call.Prompt;
            return Task.FromResult(new GeneratedText(answer, 0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero));
        }
    }
}
