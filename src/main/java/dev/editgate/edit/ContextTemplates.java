package dev.editgate.edit;

import dev.editgate.model.GenerationConfig;
import dev.editgate.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Random context prefixes ROME and MEMIT put before the edit prompt, so that keys and values do not
 * depend on the prompt starting the text. As ROME's {@code get_context_templates}: the plain
 * template {@code "{}"}, then for each {@code [length, count]} pair {@code count} texts sampled
 * from the model after the openers "The", "Therefore", "Because", "I", "You" ({@code count / 5} per
 * opener, at least one), each of {@code length} new tokens, with braces removed and {@code ". {}"}
 * appended. Sampling uses temperature 1 and top-p 0.9 with a fixed seed (ROME samples top-k 5), so
 * templates are reproducible for a given model and seed.
 */
public final class ContextTemplates {
    private static final List<String> OPENERS = List.of("The", "Therefore", "Because", "I", "You");

    private ContextTemplates() {}

    /**
     * Templates generated from {@code model}; {@code lengthParams} empty gives only {@code "{}"}.
     */
    public static List<String> generate(LanguageModel model, List<int[]> lengthParams, long seed) {
        return generateGroups(model, lengthParams, seed).stream().flatMap(List::stream).toList();
    }

    /**
     * As {@link #generate}, grouped as MEMIT averages keys: {@code ["{}"]} first, then one group
     * per {@code [length, count]} pair.
     */
    public static List<List<String>> generateGroups(
            LanguageModel model, List<int[]> lengthParams, long seed) {
        List<List<String>> groups = new ArrayList<>();
        groups.add(List.of("{}"));
        for (int[] lc : lengthParams) {
            List<String> out = new ArrayList<>();
            int perOpener = Math.max(1, lc[1] / OPENERS.size());
            List<String> prompts = new ArrayList<>();
            for (String o : OPENERS) {
                for (int i = 0; i < perOpener; i++) {
                    prompts.add(o);
                }
            }
            GenerationConfig cfg = new GenerationConfig(lc[0], 1.0, 0.9, seed + lc[0], List.of());
            List<int[]> ids = prompts.stream().map(p -> model.tokenizer().encode(p)).toList();
            List<int[]> gen = model.generateIds(ids, cfg);
            for (int i = 0; i < prompts.size(); i++) {
                String text = model.tokenizer().decode(EditTokens.concat(ids.get(i), gen.get(i)));
                String t = text.replace("{", " ").replace("}", " ");
                out.add(t + ". {}");
            }
            groups.add(List.copyOf(out));
        }
        return List.copyOf(groups);
    }

    /** Fixed templates; each must contain {@code {}} once. */
    public static List<String> fixed(List<String> templates) {
        for (String t : templates) {
            int at = t.indexOf("{}");
            if (at < 0 || t.indexOf("{}", at + 2) >= 0) {
                throw new IllegalArgumentException(
                        "context template \"" + t + "\" must contain {} exactly once");
            }
        }
        return List.copyOf(templates);
    }

    /**
     * Fixed templates grouped as MEMIT averages keys, the way {@link #generateGroups} and the
     * reference's {@code get_context_templates} group them: a leading {@code "{}"} is a group of
     * its own and the prefixes after it are one group ({@code [["{}"], [p1, p2, …]]}); a list
     * without a leading {@code "{}"} is one group.
     */
    public static List<List<String>> fixedGroups(List<String> templates) {
        List<String> all = fixed(templates);
        if (all.size() > 1 && all.get(0).equals("{}")) {
            return List.of(List.of("{}"), all.subList(1, all.size()));
        }
        return List.of(all);
    }

    /** {@code template} with the prompt in place of {@code {}}. */
    public static String apply(String template, String prompt) {
        return template.replace("{}", prompt);
    }
}
