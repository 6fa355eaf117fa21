using ScribeActors.Abstractions;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Prompting;

/// <summary>Options of <see cref="StepGrammar.Build"/>; each property documents its default.</summary>
public sealed class StepGrammarOptions
{
    /// <summary>How many times the Node line writes the id, space-separated: 1 (<c>Node: 7</c>, the history form and
    /// ScribeActors' default) or 5 (<c>Node: 7 7 7 7 7</c>, the reference's training label). The grammar forces every
    /// repeat to be the first id. Must be between 1 and 10.</summary>
    /// <value>Default 1.</value>
    public int NodeRepeat { get; init; } = 1;

    /// <summary>The longest Description the grammar allows, in characters. Must be between 1 and 1000 (llama.cpp expands
    /// a bounded repetition into that many nested rules).</summary>
    /// <value>Default 120.</value>
    public int MaxDescriptionChars { get; init; } = 120;

    /// <summary>The action tokens the model may choose; each must be one of <see cref="StepActions.All"/>.</summary>
    /// <value>Default <see cref="StepActions.All"/>: the model's three (<c>mouse_click_action</c>,
    /// <c>keyboard_sequence_action</c>, <c>keyboard_combination_action</c>) and the controller steps
    /// (<c>select_option_action</c>, <c>scroll_action</c>, <c>go_back_action</c>, <c>goto_action</c>, <c>finish_action</c>).</value>
    public IReadOnlyCollection<string> AllowedActions { get; init; } = StepActions.All;

    /// <summary>What each shown node id can take (for example <see cref="PrunedHtml.ActionsOf"/> of the page): a click is
    /// offered only on ids with <see cref="ElementActions.Click"/>, a type only on ids with
    /// <see cref="ElementActions.Type"/>, a select only on ids with <see cref="ElementActions.Select"/>, a key combination
    /// or a scroll on any id that takes something; an id that takes nothing is never offered. An action no shown id can
    /// take is left out of the grammar.</summary>
    /// <value>Default <see langword="null"/>: every shown id is offered for every action.</value>
    public Func<int, ElementActions>? NodeActions { get; init; }

    /// <summary>The values each shown node id takes (for example <see cref="PrunedHtml.ValuesOf"/> of the page): a type
    /// into a field with a <see cref="FieldFormat"/> other than text quotes a value of that form (a date input
    /// <c>"2025-04-14"</c>), and a select whose options are known quotes one of their labels, so that the value the
    /// Description fixes before the node is chosen is one the chosen element accepts.</summary>
    /// <value>Default <see langword="null"/>: any quoted value for every field.</value>
    public Func<int, FieldValues>? NodeValues { get; init; }

    /// <summary>The name a click's Description quotes for each shown node id (for example <see cref="PrunedHtml.NameOf"/>
    /// of the page; <see langword="null"/> for an element without one): a click on a named element must quote its name
    /// (<c>Click "Approval queue"</c>), which leaves only the ids of that name for the Node line; an element without a
    /// name (or with a quote in it) is clicked with a Description that quotes nothing; one whose name is longer than a
    /// Description quotes (a container, the body) is not clicked.</summary>
    /// <value>Default <see langword="null"/>: a click takes any Description and any id that takes a click.</value>
    public Func<int, string?>? NodeNames { get; init; }

    /// <summary>The text typed values are copied from (the objective): a type into a text field quotes a run of its
    /// whole words (<c>Type "Apollo rollout (PRJ-104)"</c>, <c>Type "{{secret:supplier_password}}"</c>), and a type into a
    /// date or number field one of its runs of that form when it has one, and a select (with known options) the options
    /// it names when it names any. A model then cannot type what the task never said (an invoice number of another task,
    /// a value half copied) nor choose an option it did not name.</summary>
    /// <value>Default <see langword="null"/>: any text.</value>
    public string? TypedTextSource { get; init; }

    /// <summary>How well each shown node id fits the task (the planner passes <see cref="Planning.RowMatch"/> of the
    /// element's row against the objective): of several elements a click may name by the same name (the Approve button
    /// of every row), only those with the highest score are offered, when it is above 0. Needs
    /// <see cref="NodeNames"/>.</summary>
    /// <value>Default <see langword="null"/>: every element of the name.</value>
    public Func<int, int>? NodePreference { get; init; }

    /// <summary>The verbs quoting Descriptions start with (<see cref="DescriptionVerbs.Recorded"/> for the project's
    /// models): a click on a named element, a type, a select, a key combination and a finish's answer each start with
    /// theirs instead of any text without quotes.</summary>
    /// <value>Default <see langword="null"/>: any lead (the reference's free Descriptions).</value>
    public DescriptionVerbs? Verbs { get; init; }
}
