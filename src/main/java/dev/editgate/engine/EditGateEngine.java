package dev.editgate.engine;

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
 * {@link Constants}.
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

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineConfig config = EngineConfig.from(request.getConfigurationParameters());
        EngineServices run =
                config.editLoader() == null
                        ? services
                        : services.withEditLoader(instantiate(config.editLoader()));
        ProviderCatalog catalog = ProviderCatalog.load(config.editEnvironment(), run.editLoader());
        EditGateEngineDescriptor engine =
                new EditGateEngineDescriptor(uniqueId, config, catalog, run);
        EngineDiscoveryRequestResolver.<EditGateEngineDescriptor>builder()
                .addSelectorResolver(
                        ctx ->
                                new SuiteResolver(
                                        uniqueId,
                                        catalog,
                                        config.variables(),
                                        config.suitesRoot(),
                                        ctx.getIssueReporter(),
                                        run.suites()))
                .build()
                .resolve(request, engine);
        if (config.shard() != null) {
            engine.shard(config.shard());
        }
        return engine;
    }

    @Override
    protected EditGateExecutionContext createExecutionContext(ExecutionRequest request) {
        EditGateEngineDescriptor engine =
                (EditGateEngineDescriptor) request.getRootTestDescriptor();
        RunState run = new RunState(engine.config, engine.services, engine.catalog);
        return new EditGateExecutionContext(run, request.getEngineExecutionListener(), null, null);
    }

    private static EditStreamLoader instantiate(String className) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return (EditStreamLoader)
                    Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException(
                    Constants.EDIT_LOADER
                            + "="
                            + className
                            + ": cannot create it (accepted: a public EditStreamLoader class with a public"
                            + " no-argument constructor)",
                    e);
        }
    }
}
