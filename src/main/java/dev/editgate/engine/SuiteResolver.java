package dev.editgate.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

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
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves every selector kind the engine accepts. Directories, classpath resources and {@link
 * EditGateSuites} classes become file selectors; a file becomes a suite whose children are selected
 * by unique id, level by level, so a unique id alone (from an IDE or a rerun) resolves just its
 * branch.
 */
final class SuiteResolver implements SelectorResolver {
    private final UniqueId engineId;
    private final SuiteParser parser;
    private final Path suitesRoot;
    private final SuiteFiles files;

    SuiteResolver(
            UniqueId engineId, ComponentCatalog catalog, Variables variables, Path suitesRoot) {
        this.engineId = engineId;
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
                Resolution r = resolveFile(file, context, selector.getJavaClass());
                matches.addAll(r.getMatches());
            }
        }
        return matches.isEmpty() ? Resolution.unresolved() : Resolution.matches(matches);
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        Optional<EditGateIds.Parsed> parsed = EditGateIds.parse(selector.getUniqueId());
        if (parsed.isEmpty()) {
            return Resolution.unresolved();
        }
        EditGateIds.Parsed id = parsed.get();
        if (id.file() != null) {
            return Resolution.selectors(Set.of(selectFile(id.file())));
        }
        Optional<UniqueId> parent = id.parent(engineId);
        if (parent.isEmpty()) {
            return files.find(id.suite(), suitesRoot)
                    .map(f -> resolveFile(f, context))
                    .orElse(Resolution.unresolved());
        }
        Optional<TestDescriptor> child =
                context.addToParent(
                        () -> selectUniqueId(parent.get()),
                        p -> Optional.ofNullable(TreeBuilder.child(p, id)));
        return child.map(c -> Resolution.match(Match.exact(c, () -> TreeBuilder.childSelectors(c))))
                .orElse(Resolution.unresolved());
    }

    private Resolution resolveFile(Path file, Context context) {
        return resolveFile(file, context, null);
    }

    /**
     * @param marker the {@link EditGateSuites} class the file was found through, or null; it
     *     becomes the suite's source, which Surefire needs to count and report the suite's tests
     */
    private Resolution resolveFile(Path file, Context context, Class<?> marker) {
        Path normalized = file.toAbsolutePath().normalize();
        Optional<TestDescriptor> d =
                context.addToParent(parent -> Optional.of(describe(normalized, marker)));
        return d.map(s -> Resolution.match(Match.exact(s, () -> TreeBuilder.childSelectors(s))))
                .orElse(Resolution.unresolved());
    }

    private TestDescriptor describe(Path file, Class<?> marker) {
        try {
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
            return new SuiteDescriptor(EditGateIds.suite(engineId, suite.id()), suite, marker);
        } catch (InvalidSuiteException e) {
            SuiteProblem first = e.problems().get(0);
            return new InvalidSuiteDescriptor(
                    EditGateIds.invalidFile(engineId, relative(file)),
                    file,
                    first.position().line(),
                    first.position().column(),
                    e,
                    marker);
        }
    }

    private static String relative(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}
