package dev.editgate.engine;

import dev.editgate.scenario.InvalidSuiteException;
import dev.editgate.scenario.SuiteParser;
import dev.editgate.scenario.SuiteProblem;
import dev.editgate.scenario.Variables;
import java.nio.file.Path;
import java.util.List;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;

/**
 * The {@code editgate} JUnit Platform engine: suite files become a tree of tests, suite → scenario
 * → checkpoint ("after N edits") → capability. Discovery takes file, directory, classpath-resource
 * and unique-id selectors, and classes annotated {@link EditGateSuites}. Configuration keys are in
 * {@link EngineConfig}.
 */
public final class EditGateEngine extends HierarchicalTestEngine<EditGateExecutionContext> {
    /** The engine id, first segment of every unique id. */
    public static final String ID = EditGateIds.ENGINE_ID;

    private final EngineServices services;

    /** The engine as the JUnit Platform creates it (ServiceLoader). */
    public EditGateEngine() {
        this(EngineServices.defaults());
    }

    /** An engine with its own services (CLI progress, test fixtures). */
    public EditGateEngine(EngineServices services) {
        this.services = services;
    }

    /**
     * The problems the engine finds in one suite file, with the providers on the class path (empty
     * when the suite is valid).
     */
    public static List<SuiteProblem> check(Path file) {
        try {
            new SuiteParser(ProviderCatalog.load(), Variables.fromSystem()).parse(file);
            return List.of();
        } catch (InvalidSuiteException e) {
            return e.problems();
        }
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EditGateEngineDescriptor engine = new EditGateEngineDescriptor(uniqueId);
        EngineConfig config = EngineConfig.from(request.getConfigurationParameters());
        ProviderCatalog catalog = ProviderCatalog.load();
        EngineDiscoveryRequestResolver.<EditGateEngineDescriptor>builder()
                .addSelectorResolver(
                        ctx ->
                                new SuiteResolver(
                                        uniqueId,
                                        catalog,
                                        Variables.fromSystem(),
                                        config.suitesRoot()))
                .build()
                .resolve(request, engine);
        return engine;
    }

    @Override
    protected EditGateExecutionContext createExecutionContext(ExecutionRequest request) {
        EngineConfig config = EngineConfig.from(request.getConfigurationParameters());
        EngineServices s =
                request.getConfigurationParameters()
                        .get(EngineConfig.EDIT_LOADER)
                        .map(name -> services.withEditLoader(instantiate(name)))
                        .orElse(services);
        RunState run = new RunState(config, s, ProviderCatalog.load());
        return new EditGateExecutionContext(run, request.getEngineExecutionListener(), null, null);
    }

    private static EditStreamLoader instantiate(String className) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return (EditStreamLoader)
                    Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException(
                    EngineConfig.EDIT_LOADER
                            + "="
                            + className
                            + ": cannot create it (accepted: a public EditStreamLoader class with a public"
                            + " no-argument constructor)",
                    e);
        }
    }
}
