package dev.editgate.engine;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;

/**
 * Selects a descriptor its parent built from the parsed suite, as Cucumber's {@code
 * FeatureElementSelector} carries its parsed element: the resolver adds it as it is, with no id to
 * build, parse and search for again.
 *
 * @param child the descriptor, not yet in the tree
 * @param within when not null, only the branch leading to this id (and everything below it) is
 *     expanded: a unique id selects just its branch
 */
record ChildSelector(EditGateDescriptor child, UniqueId within) implements DiscoverySelector {

    /** Selectors of {@code parent}'s children on the branch to {@code within} (all when null). */
    static Set<DiscoverySelector> of(EditGateDescriptor parent, UniqueId within) {
        Set<DiscoverySelector> out = new LinkedHashSet<>();
        for (EditGateDescriptor c : parent.buildChildren()) {
            if (onBranch(c.getUniqueId(), within)) {
                out.add(new ChildSelector(c, within));
            }
        }
        return out;
    }

    /** Whether {@code id} leads to {@code within} or lies below it. */
    static boolean onBranch(UniqueId id, UniqueId within) {
        return within == null || within.hasPrefix(id) || id.hasPrefix(within);
    }
}
