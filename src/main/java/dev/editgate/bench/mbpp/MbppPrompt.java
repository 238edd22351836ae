package dev.editgate.bench.mbpp;

import dev.editgate.bench.protocol.PromptTemplate;
import java.util.List;
import java.util.Map;

/**
 * OpenCompass' 3-shot MBPP prompt ({@code mbpp_gen_1e1056}) as a base model sees it: the rounds
 * joined by newlines, the exemplars verbatim (tasks 2, 3 and 4, with their odd spacing and CRLF
 * code), the task's round, then the answer opened with {@code [BEGIN]}.
 */
final class MbppPrompt {
    static final String DEFAULT_TEMPLATE =
            "You are an expert Python programmer, and here is your task: {text}"
                    + " Your code should pass these tests:\n\n {tests}  \n";

    /** (question round, answer round) of the three exemplars. */
    static final List<String[]> EXEMPLARS =
            List.of(
                    new String[] {
                        "You are an expert Python programmer, and here is your task: Write a function to find the similar"
                                + " elements from the given two tuple lists. Your code should pass these tests:\n\n"
                                + " assert similar_elements((3, 4, 5, 6),(5, 7, 4, 10)) == (4, 5)\n"
                                + " assert similar_elements((1, 2, 3, 4),(5, 4, 3, 7)) == (3, 4) \n"
                                + " assert similar_elements((11, 12, 14, 13),(17, 15, 14, 13)) == (13, 14) \n",
                        "[BEGIN]\n 'def similar_elements(test_tup1, test_tup2):\r\n  res = tuple(set(test_tup1) &"
                                + " set(test_tup2))\r\n  return (res)' \n[DONE] \n\n "
                    },
                    new String[] {
                        "You are an expert Python programmer, and here is your task: Write a python function to identify"
                                + " non-prime numbers. Your code should pass these tests:\n\n"
                                + " assert is_not_prime(2) == False \n assert is_not_prime(10) == True \n"
                                + " assert is_not_prime(35) == True \n",
                        "[BEGIN]\n 'import math\r\ndef is_not_prime(n):\r\n    result = False\r\n    for i in"
                                + " range(2,int(math.sqrt(n)) + 1):\r\n        if n % i == 0:\r\n            result = True\r\n"
                                + "    return result' \n[DONE] \n\n "
                    },
                    new String[] {
                        "You are an expert Python programmer, and here is your task: Write a function to find the largest"
                                + " integers from a given list of numbers using heap queue algorithm. Your code should pass"
                                + " these tests:\n\n assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],3)==[85,"
                                + " 75, 65] \n assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],2)==[85, 75] \n"
                                + " assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],5)==[85, 75, 65, 58, 35] \n",
                        "[BEGIN]\n 'import heapq as hq\r\ndef heap_queue_largest(nums,n):\r\n  largest_nums ="
                                + " hq.nlargest(n, nums)\r\n  return largest_nums' \n[DONE] \n\n "
                    });

    private final PromptTemplate template;
    private final int shots;

    MbppPrompt(String template, int shots) {
        this.template = new PromptTemplate(template == null ? DEFAULT_TEMPLATE : template);
        this.shots = shots;
    }

    String prompt(MbppTask task) {
        StringBuilder b = new StringBuilder();
        for (String[] e : EXEMPLARS.subList(0, Math.min(shots, EXEMPLARS.size()))) {
            b.append(e[0]).append('\n').append(e[1]).append('\n');
        }
        b.append(
                template.render(
                        Map.of("text", task.text(), "tests", String.join("\n", task.tests()))));
        return b.append("\n[BEGIN]\n").toString();
    }
}
