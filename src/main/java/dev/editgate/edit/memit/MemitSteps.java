package dev.editgate.edit.memit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.editgate.edit.ContextTemplates;
import dev.editgate.edit.EditRequest;
import dev.editgate.edit.FactToken;
import dev.editgate.edit.SubjectActivations;
import dev.editgate.edit.ValueOptimization;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import dev.editgate.model.nn.Scalars;
import java.util.ArrayList;
import java.util.List;

/**
 * MEMIT's steps that other editors built on MEMIT share (AlphaEdit uses MEMIT's z and keys): {@code
 * compute_z} for a batch, {@code compute_ks}, the current residual at the z layer, and the context
 * template groups. Matrices are float64, one column per request.
 */
public final class MemitSteps {
    private MemitSteps() {}

    /** The optimised residuals z [H, N] at {@code zSite}, and their mean final loss. */
    public record Targets(NDArray zs, double lossMean) {}

    /** compute_z for every request of {@code batch}, with the templates of all groups. */
    public static Targets targets(
            LanguageModel model,
            Site zSite,
            List<EditRequest> batch,
            List<List<String>> groups,
            ValueOptimization.Settings settings,
            NDManager out) {
        List<String> flat = groups.stream().flatMap(List::stream).toList();
        List<NDArray> zList = new ArrayList<>();
        double lossSum = 0;
        for (EditRequest r : batch) {
            ValueOptimization.Result z =
                    ValueOptimization.optimise(model, zSite, r, flat, settings, out);
            zList.add(z.target().toType(DataType.FLOAT64, false));
            lossSum += z.loss();
        }
        return new Targets(columns(zList), lossSum / batch.size());
    }

    /** compute_ks at {@code layer}: each request's key, averaged per group, then over groups. */
    public static NDArray keys(
            LanguageModel model,
            int layer,
            List<List<String>> groups,
            List<EditRequest> batch,
            FactToken fact,
            NDManager out) {
        List<NDArray> kList = new ArrayList<>();
        for (EditRequest r : batch) {
            kList.add(groupMeanKey(model, layer, groups, r, fact, out));
        }
        return columns(kList); // [I, N]
    }

    /** The residual at {@code zSite} for the plain prompts, now: [H, N] float64. */
    public static NDArray current(
            LanguageModel model,
            Site zSite,
            List<EditRequest> batch,
            FactToken fact,
            NDManager out) {
        List<String> prompts = batch.stream().map(EditRequest::prompt).toList();
        List<String> subjects = batch.stream().map(EditRequest::subject).toList();
        return SubjectActivations.at(model, zSite, prompts, subjects, fact, out)
                .toType(DataType.FLOAT64, false)
                .transpose(); // [H, N]
    }

    /**
     * The template groups: fixed templates grouped as EasyEdit caches them ({@link
     * ContextTemplates#fixedGroups}), else {@code ["{}"]} and one generated group per {@code
     * [length, count]} pair.
     */
    public static List<List<String>> templateGroups(
            LanguageModel model,
            List<String> fixed,
            List<int[]> lengthParams,
            long seed,
            ContextTemplates.Sampling sampling) {
        return fixed != null
                ? ContextTemplates.fixedGroups(fixed)
                : ContextTemplates.generateGroups(model, lengthParams, seed, sampling);
    }

    /** MEMIT's compute_ks for one request: [I] float64. */
    static NDArray groupMeanKey(
            LanguageModel model,
            int layer,
            List<List<String>> groups,
            EditRequest r,
            FactToken fact,
            NDManager out) {
        NDArray sum = null;
        for (List<String> g : groups) {
            NDArray k =
                    SubjectActivations.meanOverTemplates(model, Site.mlpKey(layer), g, r, fact, out)
                            .toType(DataType.FLOAT64, false);
            sum = sum == null ? k : sum.add(k);
        }
        return Scalars.div(sum, groups.size());
    }

    /** Vectors [D] as the columns of a [D, N] matrix. */
    public static NDArray columns(List<NDArray> vectors) {
        return NDArrays.stack(new NDList(vectors)).transpose(); // [D, N]
    }

    /** The Frobenius norm as a double. */
    public static double norm(NDArray a) {
        return a.norm().toType(DataType.FLOAT64, false).getDouble();
    }
}
