package dev.editgate.engine;

import dev.editgate.bench.BenchmarkProvider;
import dev.editgate.edit.EditEnvironment;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.scenario.ComponentCatalog;
import dev.editgate.text.TextSpan;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The editing methods and benchmarks on the class path, found with {@link ServiceLoader}, by name.
 */
final class ProviderCatalog implements ComponentCatalog {
    private final Map<String, EditMethodProvider> methodProviders = new TreeMap<>();
    private final Map<String, BenchmarkProvider> benchmarkProviders = new TreeMap<>();
    private final Map<String, Component> methods = new TreeMap<>();
    private final Map<String, Component> benchmarks = new TreeMap<>();

    private final EditEnvironment environment;
    private final Set<String> editFormats;

    ProviderCatalog(ClassLoader loader, EditEnvironment environment, Set<String> editFormats) {
        this.environment = environment;
        this.editFormats = Collections.unmodifiableSet(new TreeSet<>(editFormats));
        for (EditMethodProvider p : ServiceLoader.load(EditMethodProvider.class, loader)) {
            methodProviders.putIfAbsent(p.name(), p);
            methods.putIfAbsent(p.name(), methodComponent(p));
        }
        for (BenchmarkProvider p : ServiceLoader.load(BenchmarkProvider.class, loader)) {
            benchmarkProviders.putIfAbsent(p.name(), p);
            benchmarks.putIfAbsent(
                    p.name(), component(p.settingKeys(), p::validate, p::measuredTexts));
        }
    }

    /**
     * The providers of the context class loader, validating in {@code environment}, with the edit
     * formats of {@code edits}.
     */
    static ProviderCatalog load(EditEnvironment environment, EditStreamLoader edits) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new ProviderCatalog(
                loader != null ? loader : ProviderCatalog.class.getClassLoader(),
                environment,
                edits.formats());
    }

    @Override
    public Set<String> editFormats() {
        return editFormats;
    }

    /** Where the methods find presets, variables and caches. */
    EditEnvironment environment() {
        return environment;
    }

    @Override
    public Map<String, Component> methods() {
        return methods;
    }

    @Override
    public Map<String, Component> benchmarks() {
        return benchmarks;
    }

    EditMethodProvider method(String name) {
        EditMethodProvider p = methodProviders.get(name);
        if (p == null) {
            throw new IllegalStateException(
                    "no editing method '"
                            + name
                            + "' (accepted: "
                            + String.join(", ", methodProviders.keySet())
                            + ")");
        }
        return p;
    }

    BenchmarkProvider benchmark(String name) {
        BenchmarkProvider p = benchmarkProviders.get(name);
        if (p == null) {
            throw new IllegalStateException(
                    "no benchmark '"
                            + name
                            + "' (accepted: "
                            + String.join(", ", benchmarkProviders.keySet())
                            + ")");
        }
        return p;
    }

    private Component methodComponent(EditMethodProvider p) {
        return new Component() {
            @Override
            public Set<String> keys() {
                return p.hyperparameterKeys();
            }

            @Override
            public void validate(Map<String, Object> values) {
                p.validate(values, environment);
            }

            @Override
            public boolean freeForm() {
                return p.freeFormHyperparameters();
            }

            @Override
            public Set<String> settingKeys() {
                return p.settingKeys();
            }

            @Override
            public Map<String, String> checkSettings(Map<String, Object> settings, Path suiteDir) {
                return p.checkSettings(settings, suiteDir);
            }

            @Override
            public List<TextSpan> texts(Map<String, Object> values) {
                return p.statisticsTexts(values, environment);
            }
        };
    }

    private static Component component(
            Set<String> keys,
            Validator validator,
            Function<Map<String, Object>, List<TextSpan>> texts) {
        return new Component() {
            @Override
            public Set<String> keys() {
                return keys;
            }

            @Override
            public void validate(Map<String, Object> values) {
                validator.validate(values);
            }

            @Override
            public List<TextSpan> texts(Map<String, Object> values) {
                return texts.apply(values);
            }
        };
    }

    private interface Validator {
        void validate(Map<String, Object> values);
    }
}
