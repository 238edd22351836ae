package dev.editgate.cli;

import dev.editgate.engine.EngineServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code editgate list}: the tests suites would run, as a tree with tags and unique ids; each suite
 * with its description, each invalid suite with its problems.
 */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List the tests of suites (tree, tags, unique ids) without running them.")
final class ListCommand implements Callable<Integer> {
    @Mixin SuiteSelection selection;

    @Override
    public Integer call() {
        // the engine hands over each suite it discovers: its description is not in the test plan
        Map<String, String> descriptions = new HashMap<>();
        Launcher launcher =
                SuiteSelection.launcher(
                        EngineServices.defaults()
                                .withSuiteListener(s -> descriptions.put(s.id(), s.description())));
        // the engine reports each invalid suite as a discovery issue with its file: no parsing here
        Map<Path, List<String>> problems = new HashMap<>();
        LauncherDiscoveryListener listener =
                new LauncherDiscoveryListener() {
                    @Override
                    public void issueEncountered(UniqueId engineId, DiscoveryIssue issue) {
                        issue.source()
                                .filter(FileSource.class::isInstance)
                                .map(src -> ((FileSource) src).getFile().toPath())
                                .ifPresent(
                                        file ->
                                                problems.computeIfAbsent(
                                                                file.toAbsolutePath().normalize(),
                                                                k -> new ArrayList<>())
                                                        .addAll(
                                                                issue.message()
                                                                        .lines()
                                                                        .skip(1)
                                                                        .toList()));
                    }
                };
        TestPlan plan = launcher.discover(selection.request(Map.of(), listener));
        for (TestIdentifier root : plan.getRoots()) {
            print(plan, root, 0, problems, descriptions);
        }
        System.out.println(plan.countTestIdentifiers(TestIdentifier::isTest) + " tests");
        return 0;
    }

    private static void print(
            TestPlan plan,
            TestIdentifier id,
            int depth,
            Map<Path, List<String>> problems,
            Map<String, String> descriptions) {
        if (depth > 0) {
            String tags =
                    id.getTags().isEmpty()
                            ? ""
                            : "  #"
                                    + id.getTags().stream()
                                            .map(t -> t.getName())
                                            .sorted()
                                            .collect(Collectors.joining(" #"));
            System.out.println(
                    "  ".repeat(depth - 1)
                            + id.getDisplayName()
                            + tags
                            + (id.isTest() ? "\n" + "  ".repeat(depth) + id.getUniqueId() : ""));
            UniqueId.Segment last = UniqueId.parse(id.getUniqueId()).getLastSegment();
            if (last.getType().equals("suite")) {
                descriptions
                        .getOrDefault(last.getValue(), "")
                        .lines()
                        .forEach(line -> System.out.println("  ".repeat(depth) + line.strip()));
            }
            if (last.getType().equals("file")) {
                problems.getOrDefault(
                                Path.of(last.getValue()).toAbsolutePath().normalize(), List.of())
                        .forEach(p -> System.out.println("  ".repeat(depth) + p));
            }
        }
        for (TestIdentifier child : plan.getChildren(id)) {
            print(plan, child, depth + 1, problems, descriptions);
        }
    }
}
