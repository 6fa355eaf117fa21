using ScribeActors.Abstractions;
namespace ScribeActors.Agent.Planning;

/// <summary>What the planner needs to ask a model for the next step.</summary>
/// <param name="Objective">The workflow objective.</param>
/// <param name="Url">The page URL.</param>
/// <param name="Dom">The observed DOM (node ids kept) or raw HTML (ids assigned).</param>
/// <param name="History">Previous steps; renumbered 1..n and rendered with one node id.</param>
/// <param name="Settings">Decoding and fitting settings.</param>
public sealed record PlanRequest(string Objective, string Url, string Dom, IReadOnlyList<ScribeStep> History, PlanSettings Settings);

/// <summary>Decoding and fitting settings of one planned step.</summary>
/// <param name="Fitter">The fitter: <c>interactive</c> or <c>tail</c>.</param>
/// <param name="MaxOutputTokens">Most tokens the model may write (also reserved from the context).</param>
/// <param name="Temperature">Sampling temperature.</param>
/// <param name="TopP">Nucleus threshold.</param>
/// <param name="Seed">Seed of the first attempt; retries use the following seeds.</param>
/// <param name="NodeRepeat">Node id repetitions in the generated Node line (1 or 5).</param>
/// <param name="MaxInvalidRetries">Further attempts after an invalid output.</param>
/// <param name="AllowFinish">Whether the grammar lets the model write a finish step.</param>
/// <param name="TypedTextFromObjective">Whether typed text is copied from the objective (runs of its whole words).</param>
/// <param name="DescriptionForm"><c>recorded</c> (quoting Descriptions start with their verb) or <c>free</c>.</param>
public sealed record PlanSettings(string Fitter = "interactive", int MaxOutputTokens = 160, float Temperature = 0f, float TopP = 0.95f, int Seed = 42, int NodeRepeat = 1, int MaxInvalidRetries = 2, bool AllowFinish = true, bool TypedTextFromObjective = true, string DescriptionForm = "recorded");
