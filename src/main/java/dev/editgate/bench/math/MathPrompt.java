package dev.editgate.bench.math;

import java.util.List;

/**
 * OpenCompass' 4-shot MATH prompt ({@code math_gen_265cce}) as a base model sees it: the rounds
 * joined by newlines ({@code opencompass/models/base.py}). The exemplars are what OpenCompass
 * renders: its {@code safe_format} only fills {@code {field}} and leaves the config's escaped
 * braces doubled ({@code \boxed{{24}}}, {@code \frac{{a}}{{b}}}), and the first problem keeps its
 * stray {@code "}}"}.
 */
final class MathPrompt {
    static final String DEFAULT_TEMPLATE = "Problem:\n{problem}\nSolution:\n";

    /** (problem, solution) pairs. */
    static final List<String[]> EXEMPLARS =
            List.of(
                    new String[] {
                        "Find the domain of the expression $\\frac{{\\sqrt{{x-2}}}}{{\\sqrt{{5-x}}}}$.}}",
                        "The expressions inside each square root must be non-negative. Therefore, $x-2 \\ge 0$, so $x\\ge2$, and $5 - x \\ge 0$, so $x \\le 5$. Also, the denominator cannot be equal to zero, so $5-x>0$, which gives $x<5$. Therefore, the domain of the expression is $\\boxed{{[2,5)}}$.\nFinal Answer: The final answer is $[2,5)$. I hope it is correct.\n"
                    },
                    new String[] {
                        "If $\\det \\mathbf{{A}} = 2$ and $\\det \\mathbf{{B}} = 12,$ then find $\\det (\\mathbf{{A}} \\mathbf{{B}}).$",
                        "We have that $\\det (\\mathbf{{A}} \\mathbf{{B}}) = (\\det \\mathbf{{A}})(\\det \\mathbf{{B}}) = (2)(12) = \\boxed{{24}}.$\nFinal Answer: The final answer is $24$. I hope it is correct.\n"
                    },
                    new String[] {
                        "Terrell usually lifts two 20-pound weights 12 times. If he uses two 15-pound weights instead, how many times must Terrell lift them in order to lift the same total weight?",
                        "If Terrell lifts two 20-pound weights 12 times, he lifts a total of $2\\cdot 12\\cdot20=480$ pounds of weight. If he lifts two 15-pound weights instead for $n$ times, he will lift a total of $2\\cdot15\\cdot n=30n$ pounds of weight. Equating this to 480 pounds, we can solve for $n$: \\begin{{align*}} 30n&=480\\\\ \\Rightarrow\\qquad n&=480/30=\\boxed{{16}} \\end{{align*}}\nFinal Answer: The final answer is $16$. I hope it is correct.\n"
                    },
                    new String[] {
                        "If the system of equations: \\begin{{align*}} 6x-4y&=a,\\\\ 6y-9x &=b. \\end{{align*}}has a solution $(x, y)$ where $x$ and $y$ are both nonzero, find $\\frac{{a}}{{b}},$ assuming $b$ is nonzero.",
                        "If we multiply the first equation by $-\\frac{{3}}{{2}}$, we obtain $$6y-9x=-\\frac{{3}}{{2}}a.$$Since we also know that $6y-9x=b$, we have $$-\\frac{{3}}{{2}}a=b\\Rightarrow\\frac{{a}}{{b}}=\\boxed{{-\\frac{{2}}{{3}}}}.$$\nFinal Answer: The final answer is $-\\frac{{2}}{{3}}$. I hope it is correct.\n"
                    });

    private MathPrompt() {}

    /**
     * The first {@code shots} exemplars, each "Problem:\n..\nSolution:" then its solution,
     * newline-joined.
     */
    static String prefix(int shots) {
        StringBuilder b = new StringBuilder();
        for (String[] e : EXEMPLARS.subList(0, Math.min(shots, EXEMPLARS.size()))) {
            b.append("Problem:\n").append(e[0]).append("\nSolution:\n").append(e[1]).append('\n');
        }
        return b.toString();
    }
}
