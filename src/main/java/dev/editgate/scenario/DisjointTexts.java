package dev.editgate.scenario;

import dev.editgate.text.TextSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Statistics an editor fits must come from text disjoint from every capability of the suite (and
 * from the edit stream): a method's {@link ComponentCatalog.Component#texts} may not overlap a
 * benchmark's. Otherwise an editor is regularised to preserve exactly the text it is then measured
 * on (MEMIT's key covariance over the perplexity corpus), and the suite is invalid.
 */
final class DisjointTexts {
    private DisjointTexts() {}

    static void check(
            ComponentCatalog catalog,
            List<ScenarioSpec> scenarios,
            List<CapabilitySpec> capabilities,
            EditStreamSpec edits,
            Problems problems) {
        List<Measured> measured = new ArrayList<>();
        for (CapabilitySpec c : capabilities) {
            ComponentCatalog.Component b =
                    c.benchmark() == null ? null : catalog.benchmarks().get(c.benchmark());
            for (TextSpan t : texts(b, c.settings())) {
                measured.add(
                        new Measured(
                                "capability '" + c.id() + "' (line " + c.position().line() + ")",
                                t));
            }
        }
        if (edits != null && edits.dataset() != null) {
            measured.add(new Measured("the edit stream", TextSpan.whole(edits.dataset(), "edits")));
        }
        for (ScenarioSpec s : scenarios) {
            ComponentCatalog.Component m =
                    s.method() == null ? null : catalog.methods().get(s.method());
            for (TextSpan fitted : texts(m, s.hparams())) {
                for (Measured x : measured) {
                    if (fitted.overlaps(x.span())) {
                        problems.add(s.position(), message(s, fitted, x));
                    }
                }
            }
        }
    }

    private record Measured(String who, TextSpan span) {}

    private static List<TextSpan> texts(
            ComponentCatalog.Component c, java.util.Map<String, Object> values) {
        if (c == null) {
            return List.of();
        }
        try {
            return c.texts(values);
        } catch (RuntimeException e) {
            return List.of(); // invalid values: reported by the component's own validation
        }
    }

    private static String message(ScenarioSpec s, TextSpan fitted, Measured x) {
        return "scenario '"
                + s.id()
                + "' fits "
                + fitted.what()
                + " of "
                + name(fitted.path())
                + " ("
                + fitted.lines()
                + "), which "
                + x.who()
                + " also reads ("
                + x.span().what()
                + ", "
                + x.span().lines()
                + "): statistics must come from text disjoint from every capability (accepted:"
                + " disjoint document ranges, mom2_documents in the scenario's hyperparameters"
                + " and documents in the capability, or another file)";
    }

    private static String name(Path p) {
        return p.toString();
    }
}
