package dev.editgate.model;

/** A named place in the forward pass: one {@link SiteKind} of one decoder layer (0-based). */
public record Site(int layer, SiteKind kind) {

    public static Site mlpIn(int layer) {
        return new Site(layer, SiteKind.MLP_IN);
    }

    public static Site mlpGate(int layer) {
        return new Site(layer, SiteKind.MLP_GATE);
    }

    public static Site mlpUp(int layer) {
        return new Site(layer, SiteKind.MLP_UP);
    }

    public static Site mlpKey(int layer) {
        return new Site(layer, SiteKind.MLP_KEY);
    }

    public static Site mlpOut(int layer) {
        return new Site(layer, SiteKind.MLP_OUT);
    }

    public static Site residPost(int layer) {
        return new Site(layer, SiteKind.RESID_POST);
    }

    @Override
    public String toString() {
        return "layers." + layer + "." + kind.id();
    }
}
