package dev.editgate.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.editgate.bench.Score;
import java.time.Instant;
import java.util.Map;

/**
 * One measurement: a capability's score after some edits of one scenario, with its verdict. One
 * JSON line of {@code results.jsonl}.
 *
 * @param runId the run that measured it
 * @param suite suite id
 * @param scenario scenario id
 * @param method editing method
 * @param hparamsHash hash of the scenario's hyperparameters (same hash: same configuration)
 * @param modelHash content hash of the pristine model
 * @param editsApplied edits applied before measuring (the checkpoint)
 * @param capability capability id
 * @param benchmark benchmark name
 * @param metric what the value is (accuracy, perplexity, ...)
 * @param value the score
 * @param baseline the unedited model's score, or null
 * @param higherIsBetter direction of the metric
 * @param threshold the bounds set in the suite, by YAML key
 * @param verdict {@code pass} or {@code fail}
 * @param message the failure message, or null
 * @param seconds time spent scoring
 * @param timestamp ISO-8601 instant of the measurement
 * @param statistics the value's interval, the bounds' p-values, notes and warnings; null in records
 *     of older runs
 * @param micro the mean over items when {@code value} is a mean over subjects, tasks or languages
 *     (MMLU, BBH, TyDiQA, as OpenCompass reports them); null otherwise
 * @param suiteDescription the suite's {@code description}; null when it has none and in records of
 *     older runs
 * @param matrix where the scenario sits in the {@code matrix:} it was expanded from; null (and not
 *     written) for a written scenario
 * @param bisect the probe of {@code ./editgate bisect} this measurement is; null (and not written)
 *     otherwise
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ResultRecord(
        @JsonProperty("run_id") String runId,
        @JsonProperty("suite") String suite,
        @JsonProperty("scenario") String scenario,
        @JsonProperty("method") String method,
        @JsonProperty("hparams_hash") String hparamsHash,
        @JsonProperty("model_hash") String modelHash,
        @JsonProperty("edits_applied") int editsApplied,
        @JsonProperty("capability") String capability,
        @JsonProperty("benchmark") String benchmark,
        @JsonProperty("metric") String metric,
        @JsonProperty("value") double value,
        @JsonProperty("baseline") Double baseline,
        @JsonProperty("higher_is_better") boolean higherIsBetter,
        @JsonProperty("threshold") Map<String, Double> threshold,
        @JsonProperty("verdict") String verdict,
        @JsonProperty("message") String message,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("statistics") VerdictStatistics statistics,
        @JsonProperty("micro") Double micro,
        @JsonProperty("suite_description") String suiteDescription,
        @JsonProperty("matrix") @JsonInclude(JsonInclude.Include.NON_NULL) MatrixOrigin matrix,
        @JsonProperty("bisect") @JsonInclude(JsonInclude.Include.NON_NULL) BisectProbe bisect) {

    public static final String PASS = "pass";

    /** A record of a written scenario, not from a bisect. */
    public ResultRecord(
            String runId,
            String suite,
            String scenario,
            String method,
            String hparamsHash,
            String modelHash,
            int editsApplied,
            String capability,
            String benchmark,
            String metric,
            double value,
            Double baseline,
            boolean higherIsBetter,
            Map<String, Double> threshold,
            String verdict,
            String message,
            double seconds,
            String timestamp,
            VerdictStatistics statistics,
            Double micro,
            String suiteDescription) {
        this(
                runId,
                suite,
                scenario,
                method,
                hparamsHash,
                modelHash,
                editsApplied,
                capability,
                benchmark,
                metric,
                value,
                baseline,
                higherIsBetter,
                threshold,
                verdict,
                message,
                seconds,
                timestamp,
                statistics,
                micro,
                suiteDescription,
                null,
                null);
    }

    /** This record with its matrix origin. */
    public ResultRecord withMatrix(MatrixOrigin origin) {
        return new ResultRecord(
                runId,
                suite,
                scenario,
                method,
                hparamsHash,
                modelHash,
                editsApplied,
                capability,
                benchmark,
                metric,
                value,
                baseline,
                higherIsBetter,
                threshold,
                verdict,
                message,
                seconds,
                timestamp,
                statistics,
                micro,
                suiteDescription,
                origin,
                bisect);
    }

    /** This record as a probe of a bisect. */
    public ResultRecord withBisect(BisectProbe probe) {
        return new ResultRecord(
                runId,
                suite,
                scenario,
                method,
                hparamsHash,
                modelHash,
                editsApplied,
                capability,
                benchmark,
                metric,
                value,
                baseline,
                higherIsBetter,
                threshold,
                verdict,
                message,
                seconds,
                timestamp,
                statistics,
                micro,
                suiteDescription,
                matrix,
                probe);
    }

    /** A record whose value is not a macro mean over groups ({@code micro} null). */
    public ResultRecord(
            String runId,
            String suite,
            String scenario,
            String method,
            String hparamsHash,
            String modelHash,
            int editsApplied,
            String capability,
            String benchmark,
            String metric,
            double value,
            Double baseline,
            boolean higherIsBetter,
            Map<String, Double> threshold,
            String verdict,
            String message,
            double seconds,
            String timestamp,
            VerdictStatistics statistics) {
        this(
                runId,
                suite,
                scenario,
                method,
                hparamsHash,
                modelHash,
                editsApplied,
                capability,
                benchmark,
                metric,
                value,
                baseline,
                higherIsBetter,
                threshold,
                verdict,
                message,
                seconds,
                timestamp,
                statistics,
                null,
                null);
    }

    public static final String FAIL = "fail";

    /** A record without statistics. */
    public ResultRecord(
            String runId,
            String suite,
            String scenario,
            String method,
            String hparamsHash,
            String modelHash,
            int editsApplied,
            String capability,
            String benchmark,
            String metric,
            double value,
            Double baseline,
            boolean higherIsBetter,
            Map<String, Double> threshold,
            String verdict,
            String message,
            double seconds,
            String timestamp) {
        this(
                runId,
                suite,
                scenario,
                method,
                hparamsHash,
                modelHash,
                editsApplied,
                capability,
                benchmark,
                metric,
                value,
                baseline,
                higherIsBetter,
                threshold,
                verdict,
                message,
                seconds,
                timestamp,
                null);
    }

    /**
     * What a measurement is of: the run, the scenario's configuration and the point along its edit
     * stream, and the capability.
     *
     * @param runId the run that measures it
     * @param suite suite id
     * @param scenario scenario id
     * @param method editing method
     * @param hparamsHash hash of the scenario's hyperparameters
     * @param modelHash content hash of the pristine model
     * @param editsApplied edits applied before measuring (the checkpoint)
     * @param capability capability id
     * @param benchmark benchmark name
     * @param suiteDescription the suite's description; empty or null when it has none (not part of
     *     the key)
     */
    public record Subject(
            String runId,
            String suite,
            String scenario,
            String method,
            String hparamsHash,
            String modelHash,
            int editsApplied,
            String capability,
            String benchmark,
            String suiteDescription) {

        /** What makes two measurements of this subject the same across runs. */
        public MeasurementKey key() {
            return new MeasurementKey(
                    suite, scenario, hparamsHash, modelHash, editsApplied, capability);
        }
    }

    /**
     * The record of {@code score}, measured now: passed when {@code message} is null.
     *
     * @param baseline the unedited model's score, or null
     * @param threshold the bounds set in the suite, by YAML key
     * @param message why the gate failed, or null
     * @param statistics the verdict's interval, p-values, notes and warnings
     * @param seconds time spent scoring
     */
    public static ResultRecord of(
            Subject subject,
            Score score,
            Double baseline,
            Map<String, Double> threshold,
            String message,
            VerdictStatistics statistics,
            double seconds) {
        return new ResultRecord(
                subject.runId(),
                subject.suite(),
                subject.scenario(),
                subject.method(),
                subject.hparamsHash(),
                subject.modelHash(),
                subject.editsApplied(),
                subject.capability(),
                subject.benchmark(),
                score.metric(),
                score.value(),
                baseline,
                score.higherIsBetter(),
                threshold,
                message == null ? PASS : FAIL,
                message,
                seconds,
                Instant.now().toString(),
                statistics,
                score.aggregation() == Score.Aggregation.MACRO_MEAN ? score.micro() : null,
                subject.suiteDescription() == null || subject.suiteDescription().isEmpty()
                        ? null
                        : subject.suiteDescription());
    }

    public boolean passed() {
        return PASS.equals(verdict);
    }

    /** What makes two measurements the same: same configuration at the same point. */
    public MeasurementKey key() {
        return new Subject(
                        runId,
                        suite,
                        scenario,
                        method,
                        hparamsHash,
                        modelHash,
                        editsApplied,
                        capability,
                        benchmark,
                        suiteDescription)
                .key();
    }
}
