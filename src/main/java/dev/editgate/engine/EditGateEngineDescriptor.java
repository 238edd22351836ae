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
 * frees the models.
 */
final class EditGateEngineDescriptor extends EngineDescriptor
        implements Node<EditGateExecutionContext> {
    private static final Logger LOG = LoggerFactory.getLogger(EditGateEngineDescriptor.class);

    EditGateEngineDescriptor(UniqueId id) {
        super(id, "EditGate");
    }

    @Override
    public void after(EditGateExecutionContext context) {
        try {
            if (!context.run.records().isEmpty()) {
                String table = SummaryTable.render(context.run.records());
                Path file = context.run.config.summaryFile();
                try {
                    Files.writeString(file, table + System.lineSeparator(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    LOG.warn("cannot write the summary table to {}: {}", file, e.toString());
                }
                if (context.run.config.logSummary()) {
                    LOG.info(
                            "run {} ({}):\n{}",
                            context.run.config.runId(),
                            context.run.config.resultsFile(),
                            table);
                }
            }
        } finally {
            context.run.close();
        }
    }
}
