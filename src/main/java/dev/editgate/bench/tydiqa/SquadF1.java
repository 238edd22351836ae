package dev.editgate.bench.tydiqa;

import dev.editgate.bench.protocol.PyText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * OpenCompass' TyDiQA metrics ({@code TydiQAEvaluator}, SQuAD v1.1's F1 and exact match over {@code
 * general_postprocess}): the prediction is the output's first line, lower-cased (the references are
 * not); both are cut at the first newline, period or comma, stripped of every character that is
 * neither a Python word character nor white space (so of Unicode punctuation and of combining
 * marks), of the articles a/an/the in any case, and of repeated spaces.
 */
final class SquadF1 {
    /** Python's {@code \w} on str: letters, numbers (Nd, Nl, No) and the underscore. */
    private static final String WORD = "\\p{L}\\p{Nd}\\p{Nl}\\p{No}_";

    private static final Pattern CUT = Pattern.compile("[\n.,]");
    private static final Pattern NOT_WORD_OR_SPACE =
            Pattern.compile("[^" + WORD + "\\s\\x1c-\\x1f\\x85]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern ARTICLES =
            Pattern.compile(
                    "(?<![" + WORD + "])(?:a|an|the)(?![" + WORD + "])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern SPACES =
            Pattern.compile("[\\s\\x1c-\\x1f\\x85]+", Pattern.UNICODE_CHARACTER_CLASS);

    private SquadF1() {}

    /** {@code general_postprocess}. */
    static String normalize(String s) {
        String cut = CUT.split(s, 2)[0];
        if (s.isEmpty()) {
            cut = "";
        }
        String noPunct = NOT_WORD_OR_SPACE.matcher(cut).replaceAll("");
        String noArticles = ARTICLES.matcher(noPunct).replaceAll("");
        return PyText.strip(SPACES.matcher(noArticles).replaceAll(" "));
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.split(" ")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    static double f1(String prediction, String truth) {
        List<String> p = tokens(normalize(prediction));
        List<String> t = tokens(normalize(truth));
        Map<String, Integer> counts = new HashMap<>();
        for (String x : t) {
            counts.merge(x, 1, Integer::sum);
        }
        int common = 0;
        for (String x : p) {
            Integer c = counts.get(x);
            if (c != null && c > 0) {
                common++;
                counts.put(x, c - 1);
            }
        }
        if (common == 0) {
            return 0;
        }
        double precision = (double) common / p.size();
        double recall = (double) common / t.size();
        return 2 * precision * recall / (precision + recall);
    }

    static boolean exactMatch(String prediction, String truth) {
        return normalize(prediction).equals(normalize(truth));
    }

    /** The best F1 over the references. */
    static double maxF1(String prediction, List<String> references) {
        return references.stream().mapToDouble(r -> f1(prediction, r)).max().orElse(0);
    }

    /** The evaluator's prediction: the output's first line, lower-cased. */
    static String prediction(String output) {
        int nl = output.indexOf('\n');
        return (nl < 0 ? output : output.substring(0, nl)).toLowerCase(Locale.ROOT);
    }

    /** The answer can no longer change once a newline, period or comma has been generated. */
    static boolean decided(String output) {
        return CUT.matcher(output).find();
    }
}
