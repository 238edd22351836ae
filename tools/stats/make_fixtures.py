#!/usr/bin/env python3
"""Independent reference values for dev.editgate.stats (Java tests compare against them).

Python is used ONLY to generate these fixtures; nothing at test time needs it.

    python3 -m venv tools/.venv
    tools/.venv/bin/pip install -r tools/stats/requirements.txt
    tools/.venv/bin/python tools/stats/make_fixtures.py

Writes src/test/resources/dev/editgate/stats/reference.json:

- normal quantiles and CDF (scipy.stats.norm);
- binomial tails: scipy.stats.binom, and exact rational sums (math.comb, fractions) for p = 1/2
  and other simple p, the classic exact binomial table;
- one-sided exact McNemar p-values with a margin, through scipy.stats.binomtest on the flipped
  items (null share pi0 = (1 + margin*n/m)/2);
- exact bootstrap distributions, the limit the Java Monte Carlo bootstrap must approach:
  a mean of 0/1 items (Binomial(n, k/n)/n), a paired difference of 0/1 items (trinomial counts
  of the two kinds of flips), a macro mean resampled within groups (convolution of independent
  binomials);
- percentile intervals of a perplexity (exp of a ratio of sums over documents) and of the ratio
  of two paired perplexities from scipy.stats.bootstrap (paired=True, method='percentile');
- sample sizes and power of the one-sided McNemar test (Connor 1987, with the continuity
  correction of Fleiss, Tytun & Ury 1980) and of the normal approximation, with the exact power
  of the exact test (enumeration over the flips) at Connor's size and at the corrected size.
"""
from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

REPO_ROOT = Path(__file__).resolve().parents[2]
OUT = REPO_ROOT / "src/test/resources/dev/editgate/stats/reference.json"


def normal():
    ps = [1e-12, 1e-6, 0.001, 0.01, 0.02425, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9,
          0.95, 0.975, 0.99, 0.999, 1 - 1e-6]
    xs = [-8.0, -5.0, -3.0, -1.96, -1.0, -0.5, 0.0, 0.3, 1.0, 1.6448536269514722, 2.5, 4.0, 6.0]
    return {
        "quantile": [[p, float(stats.norm.ppf(p))] for p in ps],
        "cdf": [[x, float(stats.norm.cdf(x))] for x in xs],
    }


def exact_upper_tail(x, n, p: Fraction) -> float:
    return float(sum(Fraction(math.comb(n, k)) * p**k * (1 - p) ** (n - k) for k in range(x, n + 1)))


def binomial():
    scipy_cases = [(0, 10, 0.3), (1, 10, 0.3), (5, 10, 0.5), (10, 10, 0.5), (3, 7, 0.625),
                   (80, 80, 0.625), (17, 40, 0.2), (60, 200, 0.25), (150, 300, 0.4),
                   (900, 2000, 0.5), (1200, 2000, 0.5), (5, 1000, 0.001), (2, 3, 0.999)]
    exact_cases = [(4, 5, Fraction(1, 2)), (5, 5, Fraction(1, 2)), (9, 12, Fraction(1, 2)),
                   (15, 20, Fraction(1, 2)), (4, 4, Fraction(5, 8)), (7, 10, Fraction(1, 3)),
                   (3, 30, Fraction(1, 10)), (25, 30, Fraction(3, 4))]
    return {
        "upper_tail": [[x, n, p, float(stats.binom.sf(x - 1, n, p))] for x, n, p in scipy_cases],
        "pmf": [[k, n, p, float(stats.binom.pmf(k, n, p))] for k, n, p in scipy_cases],
        "exact_upper_tail": [[x, n, float(p), exact_upper_tail(x, n, p)] for x, n, p in exact_cases],
    }


def mcnemar():
    # (worse, better, items, margin)
    cases = [(4, 0, 20, 0.05), (80, 0, 400, 0.05), (1, 4, 20, 0.0), (4, 1, 20, 0.0),
             (7, 2, 30, 0.0), (7, 2, 30, 0.1), (12, 3, 30, 0.1), (30, 10, 100, 0.1),
             (30, 10, 100, 0.25), (45, 20, 400, 0.05), (0, 0, 50, 0.1), (3, 0, 30, 0.2),
             (6, 0, 30, 0.1), (15, 15, 60, -0.1)]
    out = []
    for worse, better, n, margin in cases:
        m = worse + better
        if m == 0:
            p = 1.0
        else:
            pi0 = (1 + margin * n / m) / 2
            if pi0 >= 1:
                p = 1.0
            else:
                p = float(stats.binomtest(worse, m, max(pi0, 0.0), alternative="greater").pvalue)
        out.append([worse, better, n, margin, p])
    return out


def trinomial_drop_cdf(n, n10, n01, threshold):
    """P*(drop* <= threshold), drop* = (N10* - N01*)/n, (N10*, N01*, rest) ~ Multinomial."""
    p10, p01 = n10 / n, n01 / n
    total = 0.0
    a = np.arange(n + 1)
    for k10 in range(n + 1):
        k01 = a[: n - k10 + 1]
        pmf = stats.multinomial.pmf(np.stack([np.full_like(k01, k10), k01, n - k10 - k01], 1),
                                    n, [p10, p01, 1 - p10 - p01])
        total += float(pmf[(k10 - k01) / n <= threshold + 1e-12].sum())
    return total


def bootstrap_exact():
    binary = []
    for n, k in [(30, 8), (20, 15), (100, 37), (400, 300)]:
        p = k / n
        binary.append({"n": n, "correct": k,
                       "quantiles": [[q, float(stats.binom.ppf(q, n, p)) / n]
                                     for q in (0.025, 0.05, 0.5, 0.95, 0.975)]})
    paired = []
    for n, n10, n01, d in [(20, 4, 0, 0.05), (30, 5, 2, 0.0), (30, 5, 2, 0.1), (40, 8, 3, 0.05),
                           (60, 12, 6, 0.05)]:
        paired.append({"n": n, "worse": n10, "better": n01, "max_drop": d,
                       "p_not_beyond": trinomial_drop_cdf(n, n10, n01, d)})
    macro = []
    for sizes, correct, t in [([10, 6, 14], [7, 2, 10], 0.55), ([8, 8, 8, 8], [2, 4, 6, 8], 0.6)]:
        dist = {Fraction(0): 1.0}
        g = len(sizes)
        for n, k in zip(sizes, correct):
            pm = stats.binom.pmf(np.arange(n + 1), n, k / n)
            nxt = {}
            for v, pv in dist.items():
                for j in range(n + 1):
                    key = v + Fraction(j, n * g)
                    nxt[key] = nxt.get(key, 0.0) + pv * float(pm[j])
            dist = nxt
        cdf = sum(pv for v, pv in dist.items() if v <= Fraction(t).limit_denominator(1000))
        macro.append({"sizes": sizes, "correct": correct, "t": t, "p_at_most": cdf})
    return {"binary_mean": binary, "paired_binary": paired, "macro_mean": macro}


def bootstrap_perplexity():
    rng = np.random.default_rng(20250101)
    tokens = rng.integers(40, 400, size=12).astype(float)
    rate_b = 3.0 + rng.normal(0, 0.4, size=12)
    nll_b = tokens * rate_b
    nll_e = tokens * (rate_b + 0.08 + rng.normal(0, 0.1, size=12))

    def ppl(nll, tok, axis=-1):
        return np.exp(np.sum(nll, axis=axis) / np.sum(tok, axis=axis))

    def ratio(b, e, t, axis=-1):
        return ppl(e, t, axis) / ppl(b, t, axis)

    common = dict(paired=True, vectorized=True, n_resamples=20000, method="percentile",
                  confidence_level=0.95, random_state=np.random.default_rng(7))
    ci_e = stats.bootstrap((nll_e, tokens), lambda e, t, axis=-1: ppl(e, t, axis), **common)
    common["random_state"] = np.random.default_rng(8)
    ci_r = stats.bootstrap((nll_b, nll_e, tokens), ratio, **common)
    return {
        "tokens": tokens.tolist(), "nll_baseline": nll_b.tolist(), "nll_edited": nll_e.tolist(),
        "perplexity_edited": float(ppl(nll_e, tokens)),
        "ci_edited": [float(ci_e.confidence_interval.low), float(ci_e.confidence_interval.high)],
        "ci_ratio": [float(ci_r.confidence_interval.low), float(ci_r.confidence_interval.high)],
        "level": 0.95, "n_resamples": 20000,
    }


def exact_mcnemar_power(n, delta, psi, alpha):
    """Power of the exact one-sided McNemar test (reject when p < alpha) under p10-p01 = delta."""
    p10 = (psi + delta) / 2
    share = p10 / psi
    power = 0.0
    for m in range(1, n + 1):
        x = np.arange(m + 1)
        pvals = stats.binom.sf(x - 1, m, 0.5)
        reject = x[pvals < alpha]
        if reject.size == 0:
            continue
        power += float(stats.binom.pmf(m, n, psi) * stats.binom.sf(reject[0] - 1, m, share))
    return power


def connor_items(delta, psi, alpha, power):
    """Connor's (1987) size for the one-sided McNemar test, before the continuity correction."""
    za, zb = stats.norm.ppf(1 - alpha), stats.norm.ppf(power)
    return (za * math.sqrt(psi) + zb * math.sqrt(psi - delta**2)) ** 2 / delta**2


def sample_size():
    mc = []
    for delta, flips, alpha, power in [(0.10, 0.0, 0.05, 0.8), (0.10, 0.3, 0.05, 0.8),
                                       (0.05, 0.1, 0.05, 0.8), (0.05, 0.2, 0.01, 0.9),
                                       (0.20, 0.25, 0.05, 0.8), (0.033, 0.15, 0.05, 0.8),
                                       (0.20, 0.0, 0.05, 0.8), (0.30, 0.5, 0.05, 0.8)]:
        psi = max(flips, delta)
        n = connor_items(delta, psi, alpha, power)
        # Fleiss, Tytun & Ury (1980) continuity correction
        corrected = math.ceil(n / 4 * (1 + math.sqrt(1 + 4 / (n * delta))) ** 2 - 1e-9)
        # power at 30 items: the corrected size inverted, n_eff = (N - 1/delta)^2 / N
        za = stats.norm.ppf(1 - alpha)
        eff = max(0.0, 30 - 1 / delta) ** 2 / 30
        at30 = float(stats.norm.cdf((delta * math.sqrt(eff) - za * math.sqrt(psi))
                                    / math.sqrt(psi - delta**2)))
        mc.append({"delta": delta, "flip_share": flips, "alpha": alpha, "power": power,
                   "connor_items": math.ceil(n - 1e-9), "items": corrected,
                   "power_at_30": at30,
                   "exact_power_at_connor_items": exact_mcnemar_power(math.ceil(n - 1e-9), delta,
                                                                      psi, alpha),
                   "exact_power_at_items": exact_mcnemar_power(corrected, delta, psi, alpha),
                   "exact_power_at_30": exact_mcnemar_power(30, delta, psi, alpha)})
    normal_cases = []
    for delta, sd, alpha, power in [(0.1, 0.3, 0.05, 0.8), (0.02, 0.15, 0.05, 0.8),
                                    (0.05, 0.5, 0.01, 0.9)]:
        za, zb = stats.norm.ppf(1 - alpha), stats.norm.ppf(power)
        n = max(1, math.ceil(((za + zb) * sd / delta) ** 2 - 1e-9))
        at50 = float(stats.norm.cdf(delta * math.sqrt(50) / sd - za))
        normal_cases.append({"delta": delta, "sd": sd, "alpha": alpha, "power": power,
                             "items": n, "power_at_50": at50})
    return {"mcnemar": mc, "normal": normal_cases}


def main():
    data = {
        "generator": "tools/stats/make_fixtures.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "normal": normal(),
        "binomial": binomial(),
        "mcnemar": mcnemar(),
        "bootstrap_exact": bootstrap_exact(),
        "bootstrap_perplexity": bootstrap_perplexity(),
        "sample_size": sample_size(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1) + "\n")
    print("wrote", OUT.relative_to(REPO_ROOT))


if __name__ == "__main__":
    main()
