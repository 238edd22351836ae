package dev.editgate.engine;

import dev.editgate.report.SummaryTable;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The root: at the end of the run, logs the summary table and frees the models. */
final class EditGateEngineDescriptor extends EngineDescriptor
        implements Node<EditGateExecutionContext> {
    private static final Logger LOG = LoggerFactory.getLogger(EditGateEngineDescriptor.class);

    EditGateEngineDescriptor(UniqueId id) {
        super(id, "EditGate");
    }

    @Override
    public void after(EditGateExecutionContext context) {
        try {
            if (context.run.config.logSummary() && !context.run.records().isEmpty()) {
                LOG.info("run {} ({}):\n{}", context.run.config.runId(),
                        context.run.config.resultsFile(),
                        SummaryTable.render(context.run.records()));
            }
        } finally {
            context.run.close();
        }
    }
}
