package dev.editgate.edit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.edit.alphaedit.AlphaEditHyperparameters;
import dev.editgate.edit.ft.FtHyperparameters;
import dev.editgate.edit.grace.GraceHyperparameters;
import dev.editgate.edit.memit.MemitHyperparameters;
import dev.editgate.edit.rome.RomeHyperparameters;
import dev.editgate.edit.rrome.RRomeProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every preset under {@code hparams/} says what it follows, field by field, and says the truth:
 *
 * <ul>
 *   <li>{@code # follows: OWNER/REPO@COMMIT PATH} names one reference file at a pinned commit,
 *       whose fields are in the committed table ({@code tools/presets/reference_table.py} reads
 *       them with {@code git show COMMIT:PATH});
 *   <li>every key of the preset is listed once: {@code # as there:} (equal to the reference's
 *       value), {@code # changed:} (different, with the reason in parentheses) or {@code # own:} (a
 *       setting the reference file does not have);
 *   <li>every reference field EditGate accepts and the preset leaves out gets a default equal to
 *       the reference's ({@code mom2_*} are exempt when {@code mom2_adjustment} is false: unused);
 *   <li>every reference field EditGate does not accept is named in {@code # not supported:} with
 *       the reason, except EasyEdit's plumbing (devices, module name templates).
 * </ul>
 *
 * Equivalences, named: YAML 1.1's {@code 5e-4} strings are numbers; FT's {@code norm_constraint:
 * false} is EditGate's 0 (none); GRACE's {@code inner_params} {@code ...layers[N]...} at the MLP's
 * output projection is EditGate's {@code layer: N} (elsewhere, e.g. GPT-2's {@code c_fc}, there is
 * no {@code layer} in the reference).
 */
class PresetReferenceTest {
    private static final Pattern FOLLOWS =
            Pattern.compile("^#\\s*follows:\\s*(\\S+)@([0-9a-f]{40})\\s+(\\S+)\\s*$");
    private static final Pattern LIST =
            Pattern.compile("^#\\s*(as there|changed|own|not supported):\\s*(.*)$");
    private static final Pattern GRACE_LAYER =
            Pattern.compile(".*\\[(\\d+)]\\.mlp\\.(down_proj|fc_out|c_proj)\\.weight");
    private static final Set<String> PLUMBING =
            Set.of(
                    "alg_name",
                    "model_name",
                    "device",
                    "stats_dir",
                    "model_parallel",
                    "fp16",
                    "rewrite_module_tmp",
                    "layer_module_tmp",
                    "mlp_module_tmp",
                    "attn_module_tmp",
                    "ln_f_module",
                    "lm_head_module",
                    "inner_params");

    /** The methods whose presets this test reads (MEND's training presets are not yet here). */
    static final Set<String> METHODS =
            Set.of("rome", "memit", "ft", "grace", "alphaedit", "r-rome");

    static Stream<Path> presets() throws IOException {
        return Files.walk(Path.of("hparams"))
                .filter(p -> p.toString().endsWith(".yaml"))
                .filter(p -> METHODS.contains(p.getParent().getFileName().toString()))
                .sorted();
    }

    static JsonNode table() throws IOException {
        try (InputStream in =
                PresetReferenceTest.class.getResourceAsStream(
                        "/dev/editgate/hparams/reference-values.json")) {
            return new ObjectMapper().readTree(in).get("files");
        }
    }

    /** One claim: a key and the reason after it, if any. */
    record Item(String key, String reason) {}

    /** {@code a, b (why, with commas), c} → items. */
    static List<Item> items(String text) {
        List<Item> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String part = text.substring(from, i).strip();
                if (!part.isEmpty()) {
                    int paren = part.indexOf('(');
                    out.add(
                            paren < 0
                                    ? new Item(part, null)
                                    : new Item(
                                            part.substring(0, paren).strip(),
                                            part.substring(paren + 1, part.lastIndexOf(')'))
                                                    .strip()));
                }
                from = i + 1;
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("presets")
    void claimsWhatItFollowsFieldByField(Path preset) throws IOException {
        String method = preset.getParent().getFileName().toString();
        List<String> lines = Files.readAllLines(preset);
        List<Matcher> follows =
                lines.stream().map(FOLLOWS::matcher).filter(Matcher::matches).toList();
        assertThat(follows)
                .as("%s: one '# follows: OWNER/REPO@COMMIT PATH' line", preset)
                .hasSize(1);
        String ref =
                follows.get(0).group(1)
                        + "@"
                        + follows.get(0).group(2)
                        + ":"
                        + follows.get(0).group(3);
        JsonNode refNode = table().get(ref);
        assertThat(refNode)
                .as(
                        "%s follows %s: not in reference-values.json (run tools/presets/reference_table.py)",
                        preset, ref)
                .isNotNull();
        Map<String, Object> reference = mapped(method, refNode);

        Map<String, List<Item>> claims = new LinkedHashMap<>();
        for (String l : lines) {
            Matcher m = LIST.matcher(l);
            if (m.matches()) {
                claims.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                        .addAll(items(m.group(2)));
            }
        }
        Hyperparameters h =
                Hyperparameters.load(method, preset, defaults(method), Map.of(), keys(method));
        Map<String, Object> own = ownValues(method, preset);

        List<String> listed = new ArrayList<>();
        for (String kind : List.of("as there", "changed", "own")) {
            for (Item i : claims.getOrDefault(kind, List.of())) {
                listed.add(i.key());
                assertThat(own)
                        .as("%s lists '%s' (%s) but does not set it", preset, i.key(), kind)
                        .containsKey(i.key());
                Object ours = own.get(i.key());
                switch (kind) {
                    case "as there" -> {
                        assertThat(reference)
                                .as("%s: '%s' is not in %s", preset, i.key(), ref)
                                .containsKey(i.key());
                        assertThat(same(i.key(), reference.get(i.key()), ours))
                                .as(
                                        "%s: %s = %s, %s has %s",
                                        preset, i.key(), ours, ref, reference.get(i.key()))
                                .isTrue();
                    }
                    case "changed" -> {
                        assertThat(i.reason())
                                .as(
                                        "%s: changed '%s' needs its reason in parentheses",
                                        preset, i.key())
                                .isNotBlank();
                        if (reference.containsKey(i.key())) {
                            assertThat(same(i.key(), reference.get(i.key()), ours))
                                    .as(
                                            "%s: '%s' is listed as changed but equals %s's %s",
                                            preset, i.key(), ref, ours)
                                    .isFalse();
                        }
                    }
                    default ->
                            assertThat(reference)
                                    .as(
                                            "%s: '%s' is listed as its own, but %s has it",
                                            preset, i.key(), ref)
                                    .doesNotContainKey(i.key());
                }
            }
        }
        assertThat(listed).as("%s: a key listed twice", preset).doesNotHaveDuplicates();
        assertThat(listed).as("%s: every key it sets is claimed", preset).containsAll(own.keySet());

        boolean statsUnused =
                h.values().containsKey("mom2_adjustment") && !h.getBoolean("mom2_adjustment");
        List<String> unsupported =
                claims.getOrDefault("not supported", List.of()).stream().map(Item::key).toList();
        for (var e : reference.entrySet()) {
            String k = e.getKey();
            if (keys(method).contains(k)) {
                if (!own.containsKey(k) && !(statsUnused && k.startsWith("mom2_"))) {
                    assertThat(same(k, e.getValue(), h.values().get(k)))
                            .as(
                                    "%s leaves '%s' to EditGate's default %s, but %s has %s",
                                    preset, k, h.values().get(k), ref, e.getValue())
                            .isTrue();
                }
            } else if (!PLUMBING.contains(k)) {
                assertThat(unsupported)
                        .as(
                                "%s: %s's '%s' is not an EditGate setting: name it under '# not supported:'",
                                preset, ref, k)
                        .contains(k);
            }
        }
        for (Item i : claims.getOrDefault("not supported", List.of())) {
            assertThat(i.reason())
                    .as("%s: not supported '%s' needs a reason", preset, i.key())
                    .isNotBlank();
            assertThat(reference)
                    .as("%s: '%s' is not in %s", preset, i.key(), ref)
                    .containsKey(i.key());
            assertThat(keys(method))
                    .as("%s: '%s' is an EditGate setting", preset, i.key())
                    .doesNotContain(i.key());
        }
        EditMethodProvider provider =
                ServiceLoader.load(EditMethodProvider.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(p -> p.name().equals(method))
                        .findFirst()
                        .orElseThrow();
        provider.validate(Map.of(Hyperparameters.FILE, preset.toString()));
    }

    /** The reference's fields under EditGate's names. */
    private static Map<String, Object> mapped(String method, JsonNode ref) {
        Map<String, Object> out = new LinkedHashMap<>();
        ref.fields().forEachRemaining(e -> out.put(e.getKey(), json(e.getValue())));
        if (method.equals("grace")
                && out.get("inner_params") instanceof List<?> l
                && l.size() == 1) {
            Matcher m = GRACE_LAYER.matcher(String.valueOf(l.get(0)));
            if (m.matches()) {
                out.put("layer", Integer.parseInt(m.group(1)));
            }
        }
        return out;
    }

    private static Object json(JsonNode n) {
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(json(x)));
            return l;
        }
        if (n.isNumber()) {
            return n.numberValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.isNull() ? null : n.asText();
    }

    static boolean same(String key, Object ref, Object ours) {
        if (key.equals("norm_constraint") && Boolean.FALSE.equals(ref)) {
            ref = 0;
        }
        Double a = number(ref);
        Double b = number(ours);
        if (a != null && b != null) {
            return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
        }
        if (ref instanceof List<?> x && ours instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(key, x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return ref != null && ours != null && String.valueOf(ref).equals(String.valueOf(ours));
    }

    private static Double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The keys the preset file itself sets. */
    private static Map<String, Object> ownValues(String method, Path preset) {
        Hyperparameters none =
                Hyperparameters.load(method, preset, Map.of(), Map.of(), keys(method));
        Map<String, Object> out = new LinkedHashMap<>(none.values());
        return out;
    }

    private static Map<String, Object> defaults(String method) {
        return switch (method) {
            case "rome" -> RomeHyperparameters.DEFAULTS;
            case "r-rome" -> RRomeProvider.DEFAULTS;
            case "alphaedit" -> AlphaEditHyperparameters.DEFAULTS;
            case "memit" -> MemitHyperparameters.DEFAULTS;
            case "ft" -> FtHyperparameters.DEFAULTS;
            case "grace" -> GraceHyperparameters.DEFAULTS;
            default ->
                    throw new IllegalArgumentException(
                            "no presets expected under hparams/" + method);
        };
    }

    private static Set<String> keys(String method) {
        return switch (method) {
            case "rome", "r-rome" -> RomeHyperparameters.KEYS;
            case "alphaedit" -> AlphaEditHyperparameters.KEYS;
            case "memit" -> MemitHyperparameters.KEYS;
            case "ft" -> FtHyperparameters.KEYS;
            case "grace" -> GraceHyperparameters.KEYS;
            default ->
                    throw new IllegalArgumentException(
                            "no presets expected under hparams/" + method);
        };
    }
}
