namespace ScribeActors.Agent.Pruning;

public sealed partial class InteractiveFirstFitter
{
    /// <summary>Largest row (in pieces) whose texts are kept with the controls inside it.</summary>
    public const int MaxRowSegments = 160;

    private const int MaxRowTexts = 16;

    private sealed partial class Plan
    {
        /// <summary>
        /// Keeps the texts of the table rows and list items that hold the kept interactive elements: five "Approve"
        /// buttons are five look-alikes until each comes with its row's report number, employee and amount. Rows are taken
        /// in the order their first control was kept, each at most once, with at most <see cref="MaxRowTexts"/> texts and
        /// only when the row is at most <see cref="MaxRowSegments"/> pieces (a list item that holds a whole menu is no row);
        /// a text that does not fit is skipped. Collapsed list middles stay out, as everywhere.
        /// </summary>
        private void AddRowTexts(List<int> kept)
        {
            var rows = new HashSet<int>();
            foreach (var e in kept)
            {
                var row = _elements[e].Parent;
                while (row >= 0 && _elements[row].Tag is not ("tr" or "li"))
                {
                    row = _elements[row].Parent;
                }

                if (row < 0 || !rows.Add(row) || _elements[row].Close - _elements[row].Open > MaxRowSegments)
                {
                    continue;
                }

                var texts = 0;
                for (var s = _elements[row].Open + 1; s < _elements[row].Close && texts < MaxRowTexts && _used < _budget; s++)
                {
                    if (_segments[s].Kind == SegmentKind.Text && !_textIn[s] && !_demoted[s])
                    {
                        texts++;
                        TryAddRange(s, s, _segments[s].Element);
                    }
                }
            }
        }
    }
}
