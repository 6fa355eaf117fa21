using System.Globalization;
using System.Text;

namespace ScribeActors.Agent;

public static partial class TargetLocator
{
    /// <summary>
    /// One candidate's score: stable evidence (weighted agreement over the recorded evidence, at least 2.5 units),
    /// x0.4 per strong disagreement, 0.9 of it plus 0.1 position, times the row-context factor. A detailed tally also
    /// keeps a note per factor and can say what each lowering factor alone cost: the score with that factor neutral
    /// (the field agreeing fully, the floor lifted, the position or row context matching) minus the score.
    /// </summary>
    private sealed class Tally(bool detailed)
    {
        private readonly List<Item>? _items = detailed ? [] : null;
        private double _available;
        private double _matched;
        private int _vetoes;
        private double _position;
        private double _context = 1;

        private enum Kind
        {
            Field,
            Weak,
            Position,
            Context,
        }

        public double Score => Combine(_matched, _available, _vetoes, _position, _context, MinEvidence);

        public void Field(string name, double weight, double agreement, bool vetoes, string? got, string want, string? detail = null)
        {
            _available += weight;
            _matched += weight * agreement;
            _vetoes += vetoes ? 1 : 0;
            if (_items is null)
            {
                return;
            }

            var shown = TextNormalizer.Preview(want);
            var extra = detail is null ? "" : $"{detail}; ";
            var note = vetoes switch
            {
                true when string.IsNullOrEmpty(got) => $"{name} \"{shown}\" missing (strong, score x0.4)",
                true => $"{name} differs: \"{TextNormalizer.Preview(got!)}\" instead of \"{shown}\" ({extra}strong, score x0.4)",
                _ when agreement >= 1 => $"{name} \"{shown}\" exact",
                _ when agreement > 0 => $"{name} \"{shown}\" similar to \"{TextNormalizer.Preview(got ?? "")}\" ({extra}{Format(agreement)})",
                _ when string.IsNullOrEmpty(got) => $"{name} \"{shown}\" missing",
                _ => $"{name} differs: \"{TextNormalizer.Preview(got!)}\" instead of \"{shown}\"",
            };
            _items.Add(new Item(Kind.Field, note, weight, agreement, vetoes));
        }

        /// <summary>Evidence that only counts when equal (ids may be generated).</summary>
        public void Weak(string name, double weight, bool equal, string value)
        {
            if (equal)
            {
                _available += weight;
                _matched += weight;
            }

            _items?.Add(new Item(
                Kind.Weak,
                equal ? $"{name} \"{TextNormalizer.Preview(value)}\" equal" : $"{name} differs (ignored: ids may be generated)",
                weight,
                equal ? 1 : 0,
                false));
        }

        /// <summary>One of <paramref name="parts"/> equal parts of the position share.</summary>
        public void Position(double closeness, int parts, string? note)
        {
            _position += closeness / parts;
            _items?.Add(new Item(Kind.Position, note!, 1.0 / parts, closeness, false));
        }

        public void Context(bool matches, string? note)
        {
            _context = matches ? 1 : ContextMismatchFactor;
            _items?.Add(new Item(Kind.Context, note! + (matches ? "" : $" (score x{ContextMismatchFactor.ToString("0.##", CultureInfo.InvariantCulture)})"), 1, matches ? 1 : 0, false));
        }

        /// <summary>"Agreeing: ... . Lowered by: ..., costs 0.12; ... ." and the ignored evidence.</summary>
        public string Explain()
        {
            var items = _items ?? throw new InvalidOperationException("Only a detailed tally explains itself.");
            var score = Score;
            var agreeing = new List<string>();
            var lowering = new List<string>();
            var ignored = new List<string>();
            foreach (var item in items)
            {
                if (item.Kind == Kind.Weak)
                {
                    (item.Agreement >= 1 ? agreeing : ignored).Add(item.Note);
                    continue;
                }

                if (item.Agreement >= 1 && !item.Vetoes)
                {
                    agreeing.Add(item.Note);
                    continue;
                }

                var neutral = item.Kind switch
                {
                    Kind.Field => Combine(_matched + (item.Weight * (1 - item.Agreement)), _available, _vetoes - (item.Vetoes ? 1 : 0), _position, _context, MinEvidence),
                    Kind.Position => Combine(_matched, _available, _vetoes, _position + (item.Weight * (1 - item.Agreement)), _context, MinEvidence),
                    _ => Combine(_matched, _available, _vetoes, _position, 1, MinEvidence),
                };
                lowering.Add($"{item.Note}, costs {Format(neutral - score)}");
            }

            if (_available <= 0)
            {
                lowering.Insert(0, $"no stable evidence to compare (the stable part is 0), costs {Format(Combine(1, 1, 0, _position, _context, MinEvidence) - score)}");
            }
            else if (_available < MinEvidence)
            {
                var lifted = Combine(_matched, _available, _vetoes, _position, _context, _available);
                lowering.Insert(0, string.Create(CultureInfo.InvariantCulture,
                    $"little evidence: {_available:0.0} of the {MinEvidence:0.0} units a match needs, costs {Format(lifted - score)}"));
            }

            var sb = new StringBuilder("Agreeing: ").Append(agreeing.Count > 0 ? string.Join("; ", agreeing) : "nothing").Append('.');
            if (lowering.Count > 0)
            {
                sb.Append(" Lowered by: ").AppendJoin("; ", lowering).Append('.');
            }

            if (ignored.Count > 0)
            {
                sb.Append(' ').AppendJoin("; ", ignored).Append('.');
            }

            return sb.ToString();
        }

        private static double Combine(double matched, double available, int vetoes, double position, double context, double floor)
        {
            var stable = available <= 0 ? 0 : matched / Math.Max(available, floor);
            for (var i = 0; i < vetoes; i++)
            {
                stable *= StrongDisagreementFactor;
            }

            return context * (((1 - PositionShare) * stable) + (PositionShare * position));
        }

        private sealed record Item(Kind Kind, string Note, double Weight, double Agreement, bool Vetoes);
    }
}
