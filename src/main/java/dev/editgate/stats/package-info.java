/**
 * Statistics of verdicts: confidence intervals and one-sided tests for scores measured on a finite
 * sample of items, paired between the unedited and the edited model.
 *
 * <ul>
 *   <li>{@link dev.editgate.stats.Sample}: a measurement's per-item data and how its value is
 *       computed from them (mean, macro mean over groups, perplexity as a ratio of sums);
 *   <li>{@link dev.editgate.stats.Bootstrap}: seeded percentile bootstrap, resampling items (within
 *       groups for macro means) and applying the same resamples to paired samples;
 *   <li>{@link dev.editgate.stats.McNemar}: the exact conditional test on flipped items, with a
 *       margin;
 *   <li>{@link dev.editgate.stats.SampleSize}: how many items a gate needs to tell a change the
 *       size of its threshold from none;
 *   <li>{@link dev.editgate.stats.Binomial}, {@link dev.editgate.stats.Normal}: the distributions
 *       behind them.
 * </ul>
 *
 * Plain arrays in, numbers out: this package depends on nothing else in EditGate.
 */
package dev.editgate.stats;
