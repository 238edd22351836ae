package dev.editgate.bench.mbpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.GenerativeBenchmark;
import dev.editgate.bench.protocol.Protocol;
import dev.editgate.bench.sandbox.PythonSandbox;
import dev.editgate.bench.sandbox.SandboxResult;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MBPP, 3-shot GEN ({@code mbpp_gen_1e1056}), 512 new tokens, no stop strings: each raw output is
 * judged by {@link MbppHarness} in a {@link PythonSandbox} (code extraction, then the code and the
 * task's asserts executed as OpenCompass does). An item passes only when the harness reports {@code
 * pass} with the run's random result token. The score is pass@1. A sandbox in which Python or the
 * harness does not start fails the measurement with an error naming the cause.
 */
public final class MbppBenchmark extends GenerativeBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(MbppBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PythonSandbox sandbox;
    private final Protocol protocol;
    private final int timeoutSeconds;

    MbppBenchmark(
            List<GenItem> items,
            PythonSandbox sandbox,
            Protocol protocol,
            int timeoutSeconds,
            int maxNewTokens,
            int batchSize) {
        super("mbpp", items, maxNewTokens, batchSize);
        this.sandbox = sandbox;
        this.protocol = protocol;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** One judged answer: the code the harness extracted and OpenCompass' verdict. */
    public record Verdict(String code, String verdict) {
        public boolean passed() {
            return verdict.equals("pass");
        }
    }

    /**
     * Extraction happens in the harness; the raw output goes to {@link #judge(String, GenItem)}.
     */
    @Override
    public String extract(String output) {
        return output;
    }

    @Override
    public double judge(String output, GenItem item) {
        return run(output, item.references()).passed() ? 1 : 0;
    }

    @Override
    public Score scoreOutputs(List<String> outputs) {
        if (outputs.size() != items().size()) {
            throw new IllegalArgumentException(
                    "mbpp: " + outputs.size() + " outputs for " + items().size() + " items");
        }
        List<ItemRecord> records = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            GenItem item = items().get(i);
            Verdict v = run(outputs.get(i), item.references());
            counts.merge(v.verdict(), 1, Integer::sum);
            records.add(
                    new ItemRecord(
                            item.id(),
                            item.prompt(),
                            v.code(),
                            item.reference(),
                            v.passed(),
                            v.passed() ? 1 : 0));
        }
        LOG.info("mbpp verdicts: {}", counts);
        return new Score(metric(), Score.macroOverGroups(metric(), records).value(), true, records);
    }

    /**
     * Judges a raw model output against {@code tests}; throws {@link IllegalStateException} when
     * the sandbox cannot run the harness at all.
     */
    public Verdict run(String output, List<String> tests) {
        String start = token();
        String result = token();
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("start", start);
        req.put("result", result);
        req.put("protocol", protocol == Protocol.HEAD ? "head" : "study");
        req.put("timeout", timeoutSeconds);
        req.put("output", output);
        req.put("tests", tests);
        String line;
        try {
            line = JSON.writeValueAsString(req) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        SandboxResult r = sandbox.run(MbppHarness.SOURCE, line);
        String out = r.stdout();
        if (!out.contains("EDITGATE-START " + start + "\n")) {
            throw new IllegalStateException(
                    "mbpp: the Python sandbox ("
                            + sandbox.python()
                            + ", isolation "
                            + sandbox.isolation()
                            + ") did not start the harness: "
                            + r.outcome()
                            + ", exit "
                            + r.exitCode()
                            + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
        }
        String code = "";
        int c = out.indexOf("EDITGATE-CODE ");
        if (c >= 0) {
            int end = out.indexOf('\n', c);
            try {
                code =
                        JSON.readValue(
                                out.substring(c + "EDITGATE-CODE ".length(), end), String.class);
            } catch (JsonProcessingException | RuntimeException e) {
                code = "";
            }
        }
        String marker = "EDITGATE-RESULT " + result + " ";
        int at = out.indexOf(marker);
        if (at < 0) { // the program ended the process, or overran the wall clock
            return new Verdict(
                    code, r.outcome() == SandboxResult.Outcome.TIMED_OUT ? "timeout" : "failed");
        }
        int end = out.indexOf('\n', at);
        return new Verdict(code, out.substring(at + marker.length(), end < 0 ? out.length() : end));
    }

    private static String token() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    protected String metric() {
        return "pass@1";
    }
}
