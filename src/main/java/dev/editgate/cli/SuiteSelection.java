package dev.editgate.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.editgate.engine.EditGateEngine;
import dev.editgate.engine.EngineServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What to run: suite files, folders or unique ids, narrowed by a filter and a tag expression. */
final class SuiteSelection {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "SUITE",
            description =
                    "suite files, folders of suite files, or unique ids ([engine:editgate]/...)")
    List<String> targets = new ArrayList<>();

    @Option(
            names = "--filter",
            paramLabel = "REGEX",
            description = "only tests whose path suite/scenario/edits/capability matches (find)")
    String filter;

    @Option(
            names = "--tags",
            paramLabel = "EXPR",
            description =
                    "JUnit tag expression over method, benchmark and suite tags, e.g. 'rome & !heavy'")
    String tags;

    /** A launcher that runs only the editgate engine, with {@code services}. */
    static Launcher launcher(EngineServices services) {
        return LauncherFactory.create(
                LauncherConfig.builder()
                        .enableTestEngineAutoRegistration(false)
                        .addTestEngines(new EditGateEngine(services))
                        .build());
    }

    LauncherDiscoveryRequest request(Map<String, String> configuration) {
        return request(configuration, LauncherDiscoveryListener.NOOP);
    }

    /** The request, with {@code listener} hearing about discovery (issues of invalid suites). */
    LauncherDiscoveryRequest request(
            Map<String, String> configuration, LauncherDiscoveryListener listener) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String t : targets) {
            if (t.startsWith("[engine:")) {
                selectors.add(selectUniqueId(t));
                continue;
            }
            Path p = Path.of(t);
            if (Files.isDirectory(p)) {
                selectors.add(selectDirectory(p.toFile()));
            } else if (Files.isRegularFile(p)) {
                selectors.add(selectFile(p.toFile()));
            } else {
                throw new ParameterException(
                        spec.commandLine(),
                        "no suite file or folder "
                                + p
                                + " (accepted: a .yaml file, a folder of them, or a unique id)");
            }
        }
        LauncherDiscoveryRequestBuilder b =
                LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectors)
                        .configurationParameters(configuration);
        if (listener != LauncherDiscoveryListener.NOOP) {
            b.listeners(listener);
        }
        if (tags != null) {
            b.filters(TagFilter.includeTags(tags));
        }
        if (filter != null) {
            b.filters(pathFilter(filter));
        }
        return b.build();
    }

    private PostDiscoveryFilter pathFilter(String regex) {
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--filter: " + e.getMessage());
        }
        return d ->
                !d.isTest() || p.matcher(path(d)).find()
                        ? FilterResult.included("matches " + regex)
                        : FilterResult.excluded("does not match " + regex);
    }

    /** {@code suite/scenario/edits/capability} from the unique id's values. */
    static String path(TestDescriptor d) {
        List<String> parts = new ArrayList<>();
        d.getUniqueId().getSegments().stream().skip(1).forEach(s -> parts.add(s.getValue()));
        return String.join("/", parts);
    }
}
