package dev.editgate.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.editgate.scenario.ComponentCatalog;
import dev.editgate.scenario.InvalidSuiteException;
import dev.editgate.scenario.Suite;
import dev.editgate.scenario.SuiteParser;
import dev.editgate.scenario.SuiteProblem;
import dev.editgate.scenario.Variables;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves every selector kind the engine accepts. Directories, classpath resources and {@link
 * EditGateSuites} classes become file selectors; a file becomes a suite descriptor, and each
 * descriptor builds its own children, handed back as {@link ChildSelector}s. A unique id resolves
 * its suite file (found by suite id under the suites root) and expands only the branch leading to
 * it, so an IDE or a rerun gets just that test and the edits it needs.
 */
final class SuiteResolver implements SelectorResolver {
    private final UniqueId engineId;
    private final SuiteParser parser;
    private final Path suitesRoot;
    private final SuiteFiles files;
    private final DiscoveryIssueReporter issues;
    private final SuiteListener discovered;

    /**
     * @param issues where invalid suites are reported as they are found (IDEs, {@code list})
     * @param discovered hears of each valid suite added to the tree
     */
    SuiteResolver(
            UniqueId engineId,
            ComponentCatalog catalog,
            Variables variables,
            Path suitesRoot,
            DiscoveryIssueReporter issues,
            SuiteListener discovered) {
        this.engineId = engineId;
        this.issues = issues;
        this.discovered = discovered;
        this.parser = new SuiteParser(catalog, variables);
        this.suitesRoot = suitesRoot;
        this.files = new SuiteFiles(parser);
    }

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        Path file = selector.getPath();
        return SuiteFiles.isSuiteFile(file) ? resolveFile(file, context) : Resolution.unresolved();
    }

    @Override
    public Resolution resolve(DirectorySelector selector, Context context) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        SuiteFiles.list(selector.getPath()).forEach(f -> selectors.add(selectFile(f.toFile())));
        return selectors.isEmpty() ? Resolution.unresolved() : Resolution.selectors(selectors);
    }

    @Override
    public Resolution resolve(ClasspathResourceSelector selector, Context context) {
        String name = selector.getClasspathResourceName();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL url = (loader != null ? loader : getClass().getClassLoader()).getResource(name);
        if (url == null || !url.getProtocol().equals("file")) {
            return Resolution.unresolved();
        }
        try {
            Path p = Path.of(url.toURI());
            return Resolution.selectors(
                    Set.of(
                            Files.isDirectory(p)
                                    ? selectDirectory(p.toFile())
                                    : selectFile(p.toFile())));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("classpath resource " + name + ": " + url, e);
        }
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        EditGateSuites marker = selector.getJavaClass().getAnnotation(EditGateSuites.class);
        if (marker == null) {
            return Resolution.unresolved();
        }
        Set<Match> matches = new LinkedHashSet<>();
        for (String folder : marker.value()) {
            Path p = Path.of(folder);
            List<Path> suites = Files.isDirectory(p) ? SuiteFiles.list(p) : List.of(p);
            for (Path file : suites) {
                Resolution r = resolveFile(file, context, selector.getJavaClass(), null);
                matches.addAll(r.getMatches());
            }
        }
        return matches.isEmpty() ? Resolution.unresolved() : Resolution.matches(matches);
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        Optional<String> file = EditGateIds.fileOf(engineId, id);
        if (file.isPresent()) {
            return Resolution.selectors(Set.of(selectFile(file.get())));
        }
        return EditGateIds.suiteOf(engineId, id)
                .flatMap(suite -> files.find(suite, suitesRoot))
                .map(f -> resolveFile(f, context, null, id))
                .orElse(Resolution.unresolved());
    }

    /** A descriptor a parent built ({@link ChildSelector}), added as it is. */
    @Override
    public Resolution resolve(DiscoverySelector selector, Context context) {
        if (!(selector instanceof ChildSelector child)) {
            return Resolution.unresolved();
        }
        return context.addToParent(parent -> Optional.of(child.child()))
                .map(
                        d ->
                                Resolution.match(
                                        Match.exact(d, () -> ChildSelector.of(d, child.within()))))
                .orElse(Resolution.unresolved());
    }

    private Resolution resolveFile(Path file, Context context) {
        return resolveFile(file, context, null, null);
    }

    /**
     * @param marker the {@link EditGateSuites} class the file was found through, or null; it
     *     becomes the suite's source, which Surefire needs to count and report the suite's tests
     * @param within a unique id below the suite: only its branch is expanded (null: all)
     */
    private Resolution resolveFile(Path file, Context context, Class<?> marker, UniqueId within) {
        Path normalized = file.toAbsolutePath().normalize();
        Suite parsed;
        try {
            parsed = validSuite(normalized);
        } catch (InvalidSuiteException e) {
            return within != null
                    ? Resolution.unresolved()
                    : invalid(normalized, e, marker, context);
        }
        SuiteDescriptor suite =
                new SuiteDescriptor(EditGateIds.suite(engineId, parsed.id()), parsed, marker);
        if (within != null && !suite.leadsTo(within)) {
            return Resolution.unresolved();
        }
        Optional<SuiteDescriptor> added = context.addToParent(parent -> Optional.of(suite));
        added.ifPresent(s -> discovered.discovered(parsed));
        return added.map(s -> Resolution.match(Match.exact(s, () -> ChildSelector.of(s, within))))
                .orElse(Resolution.unresolved());
    }

    /** The suite in {@code file}, unless it is invalid or its id is another file's. */
    private Suite validSuite(Path file) {
        Suite suite = files.parse(file);
        Optional<Path> other = files.claim(suite.id(), file);
        if (other.isPresent()) {
            throw new InvalidSuiteException(
                    file,
                    List.of(
                            new SuiteProblem(
                                    suite.position(),
                                    "duplicate suite id '"
                                            + suite.id()
                                            + "' (also in "
                                            + other.get()
                                            + "; suite ids must be unique across the run)")));
        }
        return suite;
    }

    /**
     * One container for an invalid file, failing (or skipping) with its problems, and a discovery
     * issue with the file's source: a warning, or information when the only problems are absent
     * inputs.
     */
    private Resolution invalid(
            Path file, InvalidSuiteException e, Class<?> marker, Context context) {
        SuiteProblem first = e.problems().get(0);
        issues.reportIssue(
                DiscoveryIssue.builder(
                                e.onlyAbsentInputs()
                                        ? DiscoveryIssue.Severity.INFO
                                        : DiscoveryIssue.Severity.WARNING,
                                e.getMessage())
                        .source(
                                FileSource.from(
                                        file.toFile(),
                                        FilePosition.from(
                                                first.position().line(),
                                                first.position().column()))));
        InvalidSuiteDescriptor d =
                new InvalidSuiteDescriptor(
                        EditGateIds.invalidFile(engineId, relative(file)),
                        file,
                        first.position().line(),
                        first.position().column(),
                        e,
                        marker);
        return context.addToParent(parent -> Optional.of(d))
                .map(x -> Resolution.match(Match.exact(x)))
                .orElse(Resolution.unresolved());
    }

    private static String relative(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}
