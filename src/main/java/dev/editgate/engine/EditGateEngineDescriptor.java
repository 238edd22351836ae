package dev.editgate.engine;

import dev.editgate.report.SummaryTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root: at the end of the run, writes the summary table beside the results ({@code
 * reports/<run-id>/summary.txt}, the whole run's, resumed measurements included), logs it, and
 * frees the models. It keeps the run's settings and providers, read once at discovery.
 */
final class EditGateEngineDescriptor extends EngineDescriptor
        implements Node<EditGateExecutionContext> {
    private static final Logger LOG = LoggerFactory.getLogger(EditGateEngineDescriptor.class);

    final EngineConfig config;
    final ProviderCatalog catalog;
    final EngineServices services;

    /**
     * @param config the settings, read once at discovery
     * @param catalog the providers, loaded once: discovery validates with them, execution runs them
     * @param services what the run calls out to, with the configured edit loader
     */
    EditGateEngineDescriptor(
            UniqueId id, EngineConfig config, ProviderCatalog catalog, EngineServices services) {
        super(id, "EditGate");
        this.config = config;
        this.catalog = catalog;
        this.services = services;
    }

    @Override
    public void after(EditGateExecutionContext context) {
        try {
            if (!context.run.records().isEmpty()) {
                String table = SummaryTable.render(context.run.records());
                Path file = context.run.config.runDirectory().summary();
                try {
                    Files.writeString(file, table + System.lineSeparator(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    LOG.warn("cannot write the summary table to {}: {}", file, e.toString());
                }
                if (context.run.config.logSummary()) {
                    LOG.info(
                            "run {} ({}):\n{}",
                            context.run.config.runId(),
                            context.run.config.runDirectory().results(),
                            table);
                }
            }
        } finally {
            context.run.close();
        }
    }
}
