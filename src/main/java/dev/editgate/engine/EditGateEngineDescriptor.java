package dev.editgate.engine;

import dev.editgate.report.ShardManifest;
import dev.editgate.report.SummaryTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestDescriptor;
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

    /** The whole selection and this shard's part when the run is sharded; null otherwise. */
    private ShardManifest manifest;

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

    /**
     * Keeps only {@code shard}'s part of the discovered scenarios ({@link Shard}) and remembers the
     * whole selection for the run's {@code shard.json}; suites left without scenarios go.
     */
    void shard(Shard shard) {
        List<ScenarioDescriptor> all = new ArrayList<>();
        for (TestDescriptor suite : getChildren()) {
            for (TestDescriptor child : suite.getChildren()) {
                if (child instanceof ScenarioDescriptor s) {
                    all.add(s);
                }
            }
        }
        int[] assigned =
                Shard.assign(all.stream().map(s -> Shard.cost(s.suite)).toList(), shard.count());
        List<ShardManifest.Entry> selection = new ArrayList<>();
        List<String> mine = new ArrayList<>();
        Map<Path, String> sha = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            ScenarioDescriptor s = all.get(i);
            selection.add(
                    new ShardManifest.Entry(
                            s.path(),
                            HparamsHash.of(s.scenario, catalog.environment()),
                            sha.computeIfAbsent(s.suite.file(), EditGateEngineDescriptor::sha256)));
            if (assigned[i] == shard.index()) {
                mine.add(s.path());
            } else {
                s.removeFromHierarchy();
            }
        }
        List<String> suites = getChildren().stream().map(TestDescriptor::getDisplayName).toList();
        for (TestDescriptor suite : List.copyOf(getChildren())) {
            boolean empty = suite instanceof SuiteDescriptor && suite.getChildren().isEmpty();
            // an invalid suite is reported once, by the first shard
            boolean invalid = suite instanceof InvalidSuiteDescriptor && shard.index() != 1;
            if (empty || invalid) {
                suite.removeFromHierarchy();
            }
        }
        manifest = new ShardManifest(shard.index(), shard.count(), selection, mine, suites);
        LOG.info("shard {}: {} of {} selected scenarios", shard, mine.size(), all.size());
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public EditGateExecutionContext before(EditGateExecutionContext context) {
        if (manifest != null) {
            manifest.write(context.run.config.runDirectory());
        }
        return context;
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
