package dev.editgate.edit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected outputs {@code tools/reference/editors_reference.py} wrote by running EasyEdit's own
 * ROME, MEMIT and FT-L (commit 14cea82) on a fixture model ({@code edit/reference/<fixture>.json}),
 * and the settings both sides share.
 */
public final class ReferenceOutputs {
    /** The context templates of the reference run, fixed: "{}" and three prefixes. */
    public static final List<String> TEMPLATES =
            List.of("{}", "The city of light. {}", "Therefore, it is said that. {}", "I think. {}");

    /** The reference run's second moments: 20 documents of the committed corpus. */
    public static final int MOM2_SAMPLES = 20;

    public final JsonNode root;
    public final String fixture;

    private ReferenceOutputs(String fixture, JsonNode root) {
        this.fixture = fixture;
        this.root = root;
    }

    public static ReferenceOutputs read(String fixture) {
        try {
            return new ReferenceOutputs(
                    fixture,
                    new ObjectMapper()
                            .readTree(
                                    resource("/dev/editgate/edit/reference/" + fixture + ".json")
                                            .toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path resource(String name) {
        try {
            return Path.of(ReferenceOutputs.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The fixture model: one of the runtime tests' ({@code model/fixtures/}) or, for {@code
     * llama-gqa-3l} (three layers, {@code tools/reference/make_deep_fixture.py}), the parity runs'
     * own ({@code edit/reference/fixtures/}).
     */
    public LanguageModel load() {
        String dir =
                ReferenceOutputs.class.getResource("/dev/editgate/model/fixtures/" + fixture)
                                != null
                        ? "/dev/editgate/model/fixtures/"
                        : "/dev/editgate/edit/reference/fixtures/";
        return Models.load(resource(dir + fixture), "float32", "cpu");
    }

    /** Hyperparameters both sides share: templates fixed, C from the committed corpus. */
    public static Map<String, Object> sharedHyperparameters() {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("context_templates", TEMPLATES);
        hp.put(
                "mom2_dataset",
                resource("/dev/editgate/edit/stats/corpus.jsonl").toAbsolutePath().toString());
        hp.put("mom2_n_samples", MOM2_SAMPLES);
        hp.put("mom2_dtype", "float32");
        return hp;
    }

    /** An edit request as the reference's ({@code prompt}, {@code subject}, {@code target_new}). */
    public static EditRequest request(JsonNode r) {
        return EditRequest.of(
                r.get("prompt").asText(),
                r.get("subject").asText(),
                " " + r.get("target_new").asText());
    }

    /** A copy in row-major order (a transposed view's buffer may not be). */
    static NDArray contiguous(NDArray a) {
        return a.reshape(a.getShape()).duplicate();
    }

    /** A JSON vector or matrix as a flat double array (row-major). */
    public static double[] flat(JsonNode n) {
        List<Double> out = new ArrayList<>();
        collect(n, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            n.forEach(c -> collect(c, out));
        } else {
            out.add(n.asDouble());
        }
    }

    private final Map<String, double[]> ours = new LinkedHashMap<>();

    /** {@link #relativeError}, keeping {@code value} under {@code label} for {@link #writeOurs}. */
    public double error(String label, NDArray value, JsonNode reference) {
        ours.put(label, value.toType(DataType.FLOAT64, false).toDoubleArray());
        return relativeError(value, reference);
    }

    /**
     * Writes what {@link #error} kept to {@code target/reference-parity/<fixture>-<name>.json}, so
     * that a failing comparison can be taken apart beside the reference's file.
     */
    public void writeOurs(String name) {
        try {
            Path dir = Path.of("target", "reference-parity");
            java.nio.file.Files.createDirectories(dir);
            new ObjectMapper()
                    .writeValue(dir.resolve(fixture + "-" + name + ".json").toFile(), ours);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@link #writeOurs}, then asserts every error of {@code errors} (label → relative
     * error) is below {@code tolerance}, all of them reported together.
     */
    public void assertBelow(String name, Map<String, Double> errors, double tolerance) {
        writeOurs(name);
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        errors.forEach(
                (label, e) ->
                        soft.assertThat(e)
                                .as(
                                        "%s %s: max |ours - reference| / max |reference|",
                                        fixture, label)
                                .isLessThan(tolerance));
        soft.assertAll();
    }

    /** max |ours − reference| / max |reference|. */
    public static double relativeError(NDArray ours, JsonNode reference) {
        double[] want = flat(reference);
        double[] got = contiguous(ours).toType(DataType.FLOAT64, false).toDoubleArray();
        if (got.length != want.length) {
            throw new AssertionError(
                    "size " + got.length + " against the reference's " + want.length);
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < want.length; i++) {
            diff = Math.max(diff, Math.abs(got[i] - want[i]));
            scale = Math.max(scale, Math.abs(want[i]));
        }
        return diff / scale;
    }

    /**
     * Σ a[i, j] P[i, j] over a row-major matrix {@code cols} wide, with the reference scripts'
     * fixed P[i, j] = (7 i + 13 j) mod 11 − 5 (no randomness, so both sides compute the same).
     */
    public static double projection(double[] a, int cols) {
        double s = 0;
        for (int n = 0; n < a.length; n++) {
            long i = n / cols;
            long j = n % cols;
            s += a[n] * ((7 * i + 13 * j) % 11 - 5);
        }
        return s;
    }

    /** max |got − want| / max |want| over two arrays of the same size. */
    public static double relative(double[] got, double[] want) {
        org.assertj.core.api.Assertions.assertThat(got).hasSameSizeAs(want);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < want.length; i++) {
            diff = Math.max(diff, Math.abs(got[i] - want[i]));
            scale = Math.max(scale, Math.abs(want[i]));
        }
        return diff / scale;
    }

    /** |got − want| / |want|. */
    public static double relativeScalar(double got, double want) {
        return Math.abs(got - want) / Math.abs(want);
    }

    /** The Euclidean (Frobenius) norm of a flat array. */
    public static double norm(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
