using System.Diagnostics;

namespace ScribeActors.Agent.Pruning;

/// <summary>Measures a fitter: how often the gold target survives fitting, tokens used, time per fit.</summary>
public static class FitEvaluation
{
    /// <summary>Fits every sample with <paramref name="fitter"/> and <paramref name="counter"/> and reports the
    /// totals. The target survives when its node id is in <see cref="FittedDom.NodeIds"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument or a sample is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="samples"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A sample has a negative budget (from the fitter).</exception>
    public static FitReport Evaluate(IDomFitter fitter, IEnumerable<FitSample> samples, ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(fitter);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(counter);

        int count = 0, kept = 0, truncated = 0, over = 0;
        double tokens = 0, use = 0, milliseconds = 0;
        foreach (var sample in samples)
        {
            if (sample is null)
            {
                throw new ArgumentNullException(nameof(samples), $"Sample {count} is null.");
            }

            var started = Stopwatch.GetTimestamp();
            var fitted = fitter.Fit(sample.Dom, sample.BudgetTokens, counter);
            milliseconds += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            count++;
            tokens += fitted.Tokens;
            use += sample.BudgetTokens == 0 ? (fitted.Tokens == 0 ? 1 : double.PositiveInfinity) : (double)fitted.Tokens / sample.BudgetTokens;
            kept += fitted.NodeIds.Contains(sample.TargetNodeId) ? 1 : 0;
            truncated += fitted.Truncated ? 1 : 0;
            over += fitted.Tokens > sample.BudgetTokens ? 1 : 0;
        }

        if (count == 0)
        {
            throw new ArgumentException("At least one sample is needed to evaluate a fitter.", nameof(samples));
        }

        return new FitReport(fitter.Name, counter.Name, count, kept, (double)kept / count, tokens / count, use / count, milliseconds / count, truncated, over);
    }
}
