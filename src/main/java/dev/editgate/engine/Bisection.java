package dev.editgate.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.editgate.bench.ItemProgress;
import dev.editgate.bench.Score;
import dev.editgate.edit.EditRequest;
import dev.editgate.report.BisectAllure;
import dev.editgate.report.BisectProbe;
import dev.editgate.report.ItemRecords;
import dev.editgate.report.MatrixOrigin;
import dev.editgate.report.ResultRecord;
import dev.editgate.report.RunDirectory;
import dev.editgate.scenario.CapabilitySpec;
import dev.editgate.scenario.ScenarioSpec;
import dev.editgate.scenario.Suite;
import dev.editgate.scenario.SuiteParser;
import dev.editgate.scenario.Thresholds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code ./editgate bisect}: the first point of a scenario's edit stream at which a capability
 * fails its threshold, found by binary search. Each probe brings the scenario to its edit count
 * from the nearest earlier point the search holds: for methods whose whole state is the weights
 * ({@link dev.editgate.edit.EditMethod#keepsStateInWeights()}: ROME, r-ROME, MEMIT, FT-L, MEND) a
 * journal of the tensors changed since each passing probe, so a probe costs only the edits since
 * the last passing one; other methods (GRACE, AlphaEdit, external editors) replay from the unedited
 * model.
 *
 * <p>The search assumes that once the capability fails it keeps failing (monotone damage); every
 * probe is reported, so a stream where that does not hold shows in the probes. With {@code
 * batch_size} above 1 the probes lie on batch boundaries (multiples of the batch size, and the
 * stream's end), so every batch is the one an uninterrupted run without checkpoints applies, and
 * the answer is a batch. Each probe is a measurement in the run's {@code results.jsonl} (with its
 * item records, and under {@code bisect} its place in the search and the edits of the batch that
 * ends at it), the search is written to {@code bisect.json} beside it, and as one Allure result
 * ({@link BisectAllure}) into the run's {@code allure-results/}.
 */
public final class Bisection {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Bisection() {}

    /**
     * One measurement of the search.
     *
     * @param edits edits applied when measured
     * @param value the capability's value
     * @param passed whether it met the threshold
     * @param message the failure message, or null
     * @param from the edit count the model was brought from (0: the unedited model)
     * @param editsApplied edits applied to reach this probe
     * @param seconds editing and scoring time of the probe
     */
    public record Probe(
            int edits,
            double value,
            boolean passed,
            String message,
            int from,
            int editsApplied,
            double seconds) {}

    /**
     * What the search found.
     *
     * @param firstFailure the smallest probed edit count that fails, with every smaller probed one
     *     passing and its predecessor batch passing; null when the capability does not fail at
     *     {@code hi} or already fails at {@code lo}
     * @param breaking the edits of the batch that ends at {@code firstFailure}, or empty
     * @param verdict {@code found}, {@code passes-at-hi} or {@code fails-at-lo}
     * @param editsApplied edits applied over the whole search
     * @param allureResult the search's Allure result file ({@code
     *     reports/<run>/allure-results/<uuid>-result.json}), or null before it is written
     */
    public record Result(
            String suite,
            String scenario,
            String method,
            String capability,
            int lo,
            int hi,
            int batchSize,
            boolean rewinds,
            List<Probe> probes,
            Integer firstFailure,
            List<EditRequest> breaking,
            String verdict,
            int editsApplied,
            Path allureResult) {

        /** This result, its Allure result written to {@code file}. */
        Result withAllureResult(Path file) {
            return new Result(
                    suite,
                    scenario,
                    method,
                    capability,
                    lo,
                    hi,
                    batchSize,
                    rewinds,
                    probes,
                    firstFailure,
                    breaking,
                    verdict,
                    editsApplied,
                    file);
        }

        /** One line per probe, then the finding. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            b.append(
                    String.format(
                            "bisect %s/%s (%s), %s, edits %d..%d%s:%n",
                            suite,
                            scenario,
                            method,
                            capability,
                            lo,
                            hi,
                            batchSize > 1 ? " in batches of " + batchSize : ""));
            for (Probe p : probes) {
                b.append(
                        String.format(
                                "  after %d edits: %s %s (from %d, %d edits applied, %.1f s)%n",
                                p.edits(),
                                Thresholds.format(p.value()),
                                p.passed() ? "pass" : "FAIL",
                                p.from(),
                                p.editsApplied(),
                                p.seconds()));
            }
            switch (verdict) {
                case "found" -> {
                    b.append(
                            String.format(
                                    "first failure after %d edits; the %s:%n",
                                    firstFailure,
                                    breaking.size() == 1
                                            ? "edit that broke it, edit " + firstFailure
                                            : "batch that broke it, edits "
                                                    + (firstFailure - breaking.size() + 1)
                                                    + ".."
                                                    + firstFailure));
                    for (EditRequest r : breaking) {
                        b.append(
                                String.format(
                                        "  subject %s, prompt \"%s\", target \"%s\"%n",
                                        r.subject(), r.prompt(), r.target()));
                    }
                }
                case "passes-at-hi" ->
                        b.append(
                                String.format(
                                        "%s passes after %d edits: nothing to bisect%n",
                                        capability, hi));
                default ->
                        b.append(
                                String.format(
                                        "%s already fails after %d edits (--lo): nothing to"
                                                + " bisect%n",
                                        capability, lo));
            }
            b.append(
                    String.format(
                            "%d edits applied in all (%s)",
                            editsApplied,
                            rewinds
                                    ? "each probe from the last passing one"
                                    : method
                                            + " keeps state outside the weights: each probe"
                                            + " replays from the unedited model"));
            return b.toString();
        }
    }

    /**
     * Runs the search.
     *
     * @param lo an edit count known (or assumed) to pass; null: 0, the unedited model (not
     *     measured)
     * @param hi an edit count to start from; null: the stream's length. It is measured first
     * @param log where progress lines go
     * @throws IllegalArgumentException for an unknown scenario or capability, or a bad range
     */
    public static Result run(
            EngineConfig config,
            EngineServices services,
            Path suiteFile,
            String scenarioId,
            String capabilityId,
            Integer lo,
            Integer hi,
            Consumer<String> log) {
        ProviderCatalog catalog =
                ProviderCatalog.load(config.editEnvironment(), services.editLoader());
        Suite suite = new SuiteParser(catalog, config.variables()).parse(suiteFile);
        ScenarioSpec scenario =
                suite.scenarios().stream()
                        .filter(s -> s.id().equals(scenarioId))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                suiteFile
                                                        + ": no scenario '"
                                                        + scenarioId
                                                        + "' (accepted: "
                                                        + suite.scenarios().stream()
                                                                .map(ScenarioSpec::id)
                                                                .collect(Collectors.joining(", "))
                                                        + ")"));
        CapabilitySpec capability =
                suite.capabilities().stream()
                        .filter(c -> c.id().equals(capabilityId))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                suiteFile
                                                        + ": no capability '"
                                                        + capabilityId
                                                        + "' (accepted: "
                                                        + suite.capabilities().stream()
                                                                .map(CapabilitySpec::id)
                                                                .collect(Collectors.joining(", "))
                                                        + ")"));
        int take = suite.edits().take();
        int batch = scenario.batchSize(suite.edits().batchSize());
        int low = lo == null ? 0 : lo;
        int high = hi == null ? take : hi;
        if (low < 0 || high > take || low >= high) {
            throw new IllegalArgumentException(
                    "--lo "
                            + low
                            + " --hi "
                            + high
                            + " is not a range of the stream (accepted: 0 ≤ lo < hi ≤ take = "
                            + take
                            + ")");
        }
        for (int n : new int[] {low, high}) {
            if (n % batch != 0 && n != take) {
                throw new IllegalArgumentException(
                        "edit count "
                                + n
                                + " is inside a batch (accepted with batch_size "
                                + batch
                                + ": a multiple of "
                                + batch
                                + " or "
                                + take
                                + ")");
            }
        }
        try (RunState run = new RunState(config, services, catalog)) {
            SuiteRun s = SuiteRun.start(suite, suite.modelOf(scenario), run, List.of(capability));
            Search search = new Search(run, s, scenario, capability, log);
            try {
                return search.run(low, high, batch, take);
            } finally {
                search.close();
            }
        }
    }

    /** The search's state: the scenario, and a mark at every passing probe. */
    private static final class Search implements AutoCloseable {
        private final RunState run;
        private final SuiteRun suite;
        private final ScenarioSpec spec;
        private final CapabilitySpec capability;
        private final Consumer<String> log;
        private final TreeMap<Integer, ScenarioRun.Mark> marks = new TreeMap<>();
        private final List<Probe> probes = new ArrayList<>();
        private final List<ResultRecord> records = new ArrayList<>();
        private ScenarioRun scenario;
        private int editsApplied;
        private int lo;
        private int hi;
        private int batch;
        private int take;

        Search(
                RunState run,
                SuiteRun suite,
                ScenarioSpec spec,
                CapabilitySpec capability,
                Consumer<String> log) {
            this.run = run;
            this.suite = suite;
            this.spec = spec;
            this.capability = capability;
            this.log = log;
        }

        Result run(int lo, int hi, int batch, int take) {
            int firstLo = lo;
            int firstHi = hi;
            this.lo = lo;
            this.hi = hi;
            this.batch = batch;
            this.take = take;
            start();
            boolean rewinds = scenario.method().keepsStateInWeights();
            if (rewinds) {
                marks.put(0, scenario.mark());
            }
            String verdict;
            Integer found = null;
            Probe top = probe(hi);
            if (top.passed()) {
                verdict = "passes-at-hi";
            } else if (lo > 0 && !probe(lo).passed()) {
                verdict = "fails-at-lo";
            } else {
                // invariant: lo passes (or is the unedited model), hi fails
                while (hi - lo > batch) {
                    int mid = lo + ((hi - lo) / 2 / batch) * batch;
                    if (mid == lo) {
                        mid = lo + batch;
                    }
                    if (probe(mid).passed()) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                verdict = "found";
                found = hi;
            }
            List<EditRequest> breaking =
                    found == null
                            ? List.of()
                            : suite.edits.subList(found - batchOf(found, batch, take), found);
            Result r =
                    new Result(
                            suite.suite.id(),
                            spec.id(),
                            spec.method(),
                            capability.id(),
                            firstLo,
                            firstHi,
                            batch,
                            rewinds,
                            List.copyOf(probes),
                            found,
                            List.copyOf(breaking),
                            verdict,
                            editsApplied,
                            null);
            String json = write(run.config.runDirectory(), r);
            Path allure = run.config.runDirectory().allureResults();
            String uuid =
                    new BisectAllure(
                                    r.suite(),
                                    r.scenario(),
                                    r.capability(),
                                    verdict,
                                    found,
                                    edits(found == null ? 0 : found, breaking),
                                    List.copyOf(records),
                                    r.describe(),
                                    json)
                            .write(allure, capability.thresholds());
            return r.withAllureResult(allure.resolve(uuid + "-result.json"));
        }

        /** The stream's edits that end at edit count {@code end}, numbered from 1. */
        private static List<BisectProbe.Edit> edits(int end, List<EditRequest> batch) {
            List<BisectProbe.Edit> out = new ArrayList<>();
            int index = end - batch.size() + 1;
            for (EditRequest e : batch) {
                out.add(new BisectProbe.Edit(index++, e.subject(), e.prompt(), e.target()));
            }
            return out;
        }

        /** The size of the batch that ends at {@code end}: the last one may be short. */
        private static int batchOf(int end, int batch, int take) {
            int rest = end % batch;
            return end == take && rest != 0 ? rest : Math.min(batch, end);
        }

        private void start() {
            if (scenario != null) {
                scenario.close();
            }
            scenario =
                    ScenarioDescriptor.start(run, suite, spec, suite.suite.id() + "/" + spec.id());
        }

        /** Brings the scenario to {@code n} edits from the nearest point held, and measures. */
        private Probe probe(int n) {
            long t0 = System.nanoTime();
            int from;
            var nearest = marks.floorEntry(n);
            if (scenario.applied() <= n
                    && (nearest == null || nearest.getKey() <= scenario.applied())) {
                from = scenario.applied(); // forward from here: no nearer point held
            } else if (nearest != null) {
                scenario.rewind(nearest.getValue());
                from = nearest.getKey();
            } else {
                start(); // a method that cannot rewind: replay from the unedited model
                from = 0;
            }
            int before = scenario.applied();
            log.accept(
                    String.format("probe after %d edits: applying edits %d..%d", n, before + 1, n));
            JsonLines.append(run.config.runDirectory().edits(), scenario.advanceTo(n), "edit log");
            editsApplied += n - before;
            Score score =
                    scenario.rightAfterScore(capability.id())
                            .orElseGet(
                                    () ->
                                            suite.benchmark(capability.id())
                                                    .evaluate(
                                                            suite.model.model(),
                                                            scenario.evalContext(
                                                                    ItemProgress.NONE)));
            CapabilityMeasurement.Judged judged =
                    CapabilityMeasurement.judge(
                            suite, capability, score, n, spec.method(), run.config.bootstrap());
            double seconds = (System.nanoTime() - t0) / 1e9;
            ResultRecord record =
                    ResultRecord.of(
                                    new ResultRecord.Subject(
                                            run.config.runId(),
                                            suite.suite.id(),
                                            spec.id(),
                                            spec.method(),
                                            scenario.hparamsHash,
                                            suite.model.pristineHash(),
                                            n,
                                            capability.id(),
                                            capability.benchmark(),
                                            suite.suite.description()),
                                    score,
                                    judged.baseline(),
                                    capability.thresholds().asMap(),
                                    judged.message(),
                                    judged.verdict().statistics(),
                                    seconds)
                            .withMatrix(MatrixOrigin.of(spec.matrix()))
                            .withBisect(
                                    new BisectProbe(
                                            probes.size() + 1,
                                            lo,
                                            hi,
                                            from,
                                            n - before,
                                            edits(
                                                    n,
                                                    suite.edits.subList(
                                                            n - batchOf(n, batch, take), n))));
            run.results.append(record);
            records.add(record);
            ItemRecords.write(
                    run.config
                            .runDirectory()
                            .items(suite.suite.id(), spec.id(), n, capability.id()),
                    score.items());
            Probe p =
                    new Probe(
                            n,
                            score.value(),
                            record.passed(),
                            judged.message(),
                            from,
                            n - before,
                            seconds);
            probes.add(p);
            log.accept(
                    String.format(
                            "  %s after %d edits: %s %s",
                            capability.id(),
                            n,
                            Thresholds.format(score.value()),
                            p.passed() ? "pass" : "FAIL"));
            if (p.passed() && scenario.method().keepsStateInWeights() && !marks.containsKey(n)) {
                marks.put(n, scenario.mark());
            }
            return p;
        }

        @Override
        public void close() {
            marks.values().forEach(ScenarioRun.Mark::close);
            if (scenario != null) {
                scenario.close();
            }
        }
    }

    /** Writes {@code bisect.json}; returns its text. */
    private static String write(RunDirectory dir, Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("suite", r.suite());
        out.put("scenario", r.scenario());
        out.put("method", r.method());
        out.put("capability", r.capability());
        out.put("lo", r.lo());
        out.put("hi", r.hi());
        out.put("batch_size", r.batchSize());
        out.put("verdict", r.verdict());
        out.put("first_failure", r.firstFailure());
        List<Map<String, Object>> edits = new ArrayList<>();
        int index = r.firstFailure() == null ? 0 : r.firstFailure() - r.breaking().size() + 1;
        for (EditRequest e : r.breaking()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("edit", index++);
            m.put("subject", e.subject());
            m.put("prompt", e.prompt());
            m.put("target", e.target());
            m.put("ground_truth", e.groundTruth());
            edits.add(m);
        }
        out.put("breaking_edits", edits);
        out.put("rewinds", r.rewinds());
        out.put("edits_applied", r.editsApplied());
        out.put("probes", r.probes());
        try {
            Files.createDirectories(dir.path());
            String json = JSON.writeValueAsString(out);
            Files.writeString(dir.bisect(), json, StandardCharsets.UTF_8);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(dir.bisect() + " not written", e);
        }
    }
}
