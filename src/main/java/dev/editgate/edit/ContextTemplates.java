package dev.editgate.edit;

import dev.editgate.model.GenerationConfig;
import dev.editgate.model.LanguageModel;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Random context prefixes ROME and MEMIT put before the edit prompt, so that keys and values do not
 * depend on the prompt starting the text. As ROME's {@code get_context_templates}: the plain
 * template {@code "{}"}, then for each {@code [length, count]} pair {@code count} texts sampled
 * from the model after the openers "The", "Therefore", "Because", "I", "You" ({@code count / 5} per
 * opener, at least one), with {@code ". {}"} appended. How they are sampled is the hyperparameter
 * {@code context_template_sampling} ({@link Sampling}): EditGate's own way by default, or the
 * reference editors' {@code generate_fast}. Both are seeded, so templates are reproducible for a
 * given model and seed (the reference's are not the same texts: its draws come from torch's
 * generator).
 */
public final class ContextTemplates {
    private static final List<String> OPENERS = List.of("The", "Therefore", "Because", "I", "You");

    /** The hyperparameter that picks a {@link Sampling}. */
    public static final String SAMPLING_KEY = "context_template_sampling";

    private ContextTemplates() {}

    /** How generated templates are sampled. */
    public enum Sampling {
        /**
         * EditGate's default: temperature 1, top-p 0.9, {@code length} new tokens after the opener,
         * braces replaced by spaces.
         */
        TOP_P("top-p"),
        /**
         * The reference's {@code generate_fast} (EasyEdit 14cea82 {@code util/generate.py}, the
         * ROME and MEMIT repositories): top-k 5 at temperature 1; {@code length} counts the
         * opener's tokens too ({@code max_out_len}); the text NFKD-normalised, {@code "\n\n"} made
         * a space and {@code <|endoftext|>} removed; then ROME deletes braces and MEMIT replaces
         * them by spaces, as their {@code get_context_templates} do.
         */
        TOP_K("top-k");

        private final String key;

        Sampling(String key) {
            this.key = key;
        }

        /** As written in hyperparameters. */
        public String key() {
            return key;
        }

        /**
         * The sampling named {@code value} of {@code method}'s hyperparameter.
         *
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Sampling parse(String method, String value) {
            for (Sampling s : values()) {
                if (s.key.equals(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException(
                    method
                            + " hyperparameter '"
                            + SAMPLING_KEY
                            + "' = "
                            + value
                            + " is not accepted (accepted: top-p, top-k)");
        }
    }

    /**
     * Templates generated from {@code model} as ROME's {@code get_context_templates} makes them;
     * {@code lengthParams} empty gives only {@code "{}"}.
     */
    public static List<String> generate(
            LanguageModel model, List<int[]> lengthParams, long seed, Sampling sampling) {
        return groups(model, lengthParams, seed, sampling, sampling == Sampling.TOP_K ? "" : " ")
                .stream()
                .flatMap(List::stream)
                .toList();
    }

    /** As {@link #generate(LanguageModel, List, long, Sampling)}, sampled top-p. */
    public static List<String> generate(LanguageModel model, List<int[]> lengthParams, long seed) {
        return generate(model, lengthParams, seed, Sampling.TOP_P);
    }

    /**
     * Templates as MEMIT's {@code get_context_templates} makes and groups them for averaging keys:
     * {@code ["{}"]} first, then one group per {@code [length, count]} pair.
     */
    public static List<List<String>> generateGroups(
            LanguageModel model, List<int[]> lengthParams, long seed, Sampling sampling) {
        return groups(model, lengthParams, seed, sampling, " ");
    }

    /** As {@link #generateGroups(LanguageModel, List, long, Sampling)}, sampled top-p. */
    public static List<List<String>> generateGroups(
            LanguageModel model, List<int[]> lengthParams, long seed) {
        return generateGroups(model, lengthParams, seed, Sampling.TOP_P);
    }

    private static List<List<String>> groups(
            LanguageModel model,
            List<int[]> lengthParams,
            long seed,
            Sampling sampling,
            String brace) {
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
            List<int[]> ids = prompts.stream().map(p -> model.tokenizer().encode(p)).toList();
            List<int[]> gen;
            if (sampling == Sampling.TOP_K) {
                // max_out_len counts the prompt: the openers are one token each in the tokenizers
                // here, so rows are generated alike; a longer one gets fewer new tokens
                gen = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    int fresh = newTokens(lc[0], ids.get(i).length, sampling);
                    gen.add(
                            model.generateIds(
                                            List.of(ids.get(i)),
                                            GenerationConfig.topK(
                                                    fresh, 5, seed + lc[0] + 7919L * i))
                                    .get(0));
                }
            } else {
                gen =
                        model.generateIds(
                                ids,
                                new GenerationConfig(lc[0], 1.0, 0.9, seed + lc[0], List.of()));
            }
            for (int i = 0; i < prompts.size(); i++) {
                String text = model.tokenizer().decode(EditTokens.concat(ids.get(i), gen.get(i)));
                if (sampling == Sampling.TOP_K) {
                    text =
                            Normalizer.normalize(text, Normalizer.Form.NFKD)
                                    .replace("\n\n", " ")
                                    .replace("<|endoftext|>", "");
                }
                String t = text.replace("{", brace).replace("}", brace);
                out.add(t + ". {}");
            }
            groups.add(List.copyOf(out));
        }
        return List.copyOf(groups);
    }

    /**
     * New tokens for a template of {@code length}: the reference's {@code max_out_len} counts the
     * prompt's tokens too, EditGate's top-p counts new tokens only.
     */
    static int newTokens(int length, int promptTokens, Sampling sampling) {
        return sampling == Sampling.TOP_K ? Math.max(0, length - promptTokens) : length;
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
