using System.Text;
using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Prompting;

/// <summary>
/// The ScribeAgent prompt (scribeagent-format.md §4): the fixed system line and the user message
/// <c>Objective: {objective}\nURL: {url}\nObservation: {observation}\nStep-by-step guide:\n{history}</c>.
/// Wrap both in the model's chat template (<see cref="IChatTemplate"/>) to get the text the model reads.
/// </summary>
/// <remarks>
/// <para>History convention: every previous step is rendered with <see cref="ScribeStep.Render"/> and a <b>single</b>
/// node id (<c>Node: 7</c>), the convention of the reference's training data. The reference's Mind2Web refined eval and
/// WebArena agent append history with the 5× node line instead, a train/test mismatch we deliberately do not reproduce
/// (§4, §8.2 "consistent history"). The history is the empty string on the first step, so the message then ends with
/// <c>Step-by-step guide:\n</c>. Mind2Web pipeline 1's extra trailing <c>\n</c> is not reproduced either.</para>
/// <para>Objective and URL are single-line fields: every whitespace run in them (newlines included) becomes one space and
/// the ends are trimmed, so a multi-line objective cannot break the section structure. The observation (the pruned DOM
/// or one chunk of it) is copied verbatim: the pruner already collapses its whitespace, and rewriting it here would
/// shift the token budget the chunker computed.</para>
/// <para>Step numbers in the history are not checked; the caller numbers them 1..n (the next step is n + 1).</para>
/// </remarks>
public static class ScribePrompt
{
    /// <summary>The system message, identical in the reference's training, Mind2Web and WebArena runs.</summary>
    public const string SystemLine = "Help achieve the objective by generating the next step.";

    /// <summary>Builds the user message.</summary>
    /// <param name="objective">The task objective; whitespace runs collapse to one space.</param>
    /// <param name="url">The current page URL, used verbatim apart from whitespace collapsing.</param>
    /// <param name="observation">The pruned DOM (or one chunk of it), copied verbatim; may be empty.</param>
    /// <param name="history">The previous steps in order, rendered with one node id each; may be empty.</param>
    /// <returns>The user message; it always ends with the history (or with <c>Step-by-step guide:\n</c> when there is none).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The objective or URL is empty or only whitespace, or a history entry is <see langword="null"/>.</exception>
    public static string UserMessage(string objective, string url, string observation, IReadOnlyList<ScribeStep> history)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var builder = Head(objective, url, history);
        builder.Append(observation).Append(GuideHeader);
        AppendHistory(builder, history);
        return builder.ToString();
    }

    /// <summary>
    /// The user message with an empty observation, for the token budget of the observation:
    /// <c>budget = context − tokens(template.Render(SystemLine, UserMessageWithoutObservation(...))) − reserved output</c>.
    /// </summary>
    /// <remarks>The message with an observation is exactly this text with the observation inserted after
    /// <c>Observation: </c>, so the token count of the full prompt is this count plus the observation's, give or take a
    /// token at each seam where the tokenizer may merge across the boundary; keep a margin of a few tokens.</remarks>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">As for <see cref="UserMessage"/>.</exception>
    public static string UserMessageWithoutObservation(string objective, string url, IReadOnlyList<ScribeStep> history) =>
        UserMessage(objective, url, "", history);

    /// <summary>The history block: the steps rendered with one node id each, concatenated (empty for no steps).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A history entry is <see langword="null"/>.</exception>
    public static string History(IReadOnlyList<ScribeStep> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var builder = new StringBuilder();
        AppendHistory(builder, history);
        return builder.ToString();
    }

    private const string GuideHeader = "\nStep-by-step guide:\n";

    private static StringBuilder Head(string objective, string url, IReadOnlyList<ScribeStep> history)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(history);
        var cleanObjective = TextNormalizer.Collapse(objective);
        if (cleanObjective.Length == 0)
        {
            throw new ArgumentException("The objective is empty; the prompt needs the task the agent has to achieve.", nameof(objective));
        }

        var cleanUrl = TextNormalizer.Collapse(url);
        if (cleanUrl.Length == 0)
        {
            throw new ArgumentException("The URL is empty; the prompt needs the address of the page the observation was taken from.", nameof(url));
        }

        return new StringBuilder()
            .Append("Objective: ").Append(cleanObjective)
            .Append("\nURL: ").Append(cleanUrl)
            .Append("\nObservation: ");
    }

    private static void AppendHistory(StringBuilder builder, IReadOnlyList<ScribeStep> history)
    {
        for (var i = 0; i < history.Count; i++)
        {
            var step = history[i]
                ?? throw new ArgumentException($"History entry {i} is null; every previous step must be a ScribeStep.", nameof(history));
            builder.Append(step.Render(1));
        }
    }
}
