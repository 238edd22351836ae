"""The table of model outputs that parity.py runs through OpenCompass' post-processors and
evaluators: ordinary answers and the awkward ones (two "answer is", decimals, \\text{(C)},
\\boxed{{24}}, x/2 against x / 2, "Paris, France" against "Paris", Cyrillic and CJK punctuation,
"Both A and B", "1. A\\n2. B", an answer only after 16 tokens, hostile MBPP programs)."""

LATE = ('Let me think about this question carefully, considering each of the options in turn and '
        'weighing them before I answer. ')

# CommonsenseQA and C3 (first_capital_postprocess)
FIRST_CAPITAL = [
    ' A', 'A', ' B.', '\nC', ' the answer is d', ' The answer is B', 'Both A and B',
    '1. A\n2. B', '答案是C', '答：B', ' (E) blotter', '', '   ', 'e', ' é É', ' Ä', ' Σ', ' ǅ',
    ' Ⅳ', ' Ⓑ', ' 𝐀', LATE + 'A', ' a, b, then C', '12345 D', '\tD', '答案：Ｂ', ' ｂ then Ｃ',
    ' i think b', ' Answer: C', 'none of them', ' β Γ',
]

# AX-b (first_option_postprocess, options 'AB')
FIRST_OPTION = [
    ' A', ' B', 'A. Yes', 'B. No', ' Yes', ' No', 'The answer is B', 'The answer is (B)',
    'the answer is A.', 'The correct answer is B', 'Both A and B', '1. A\n2. B', '答案是B',
    '答案：A', '答案为 B', '选B', ' A is right', ' I would say B.', 'Answer: B', 'answer: A',
    ' B\nA', ' (A)', '**B**', ' Option B', LATE + 'B', 'AB', 'BA', ' a', ' b', '', 'No, B',
    'Yes, A.', 'The answer is: A', 'ANSWER: B', ' C', 'So the answer is \\boxed{B}',
]

# BBH: (mc = multiple choice / ff = free form, output, target)
BBH = [
    ('mc', ' Step 1. So the answer is (A).', '(A)'),
    ('mc', ' So the answer is (B).', '(A)'),
    ('mc', ' the answer is not clear, but the answer is (C).', '(C)'),
    ('mc', ' So the answer is (D)\n\nQ: next question ... So the answer is (A).', '(D)'),
    ('mc', ' So the answer is C.', '(C)'),
    ('mc', ' I think (B) is right.', '(B)'),
    ('mc', ' so the answer is (e).', '(E)'),
    ('mc', ' So the answer is Both A and B.', '(B)'),
    ('mc', ' So the Answer is (A).', '(A)'),
    ('mc', ' So the answer is: (A).', '(A)'),
    ('mc', '', '(A)'),
    ('mc', ' So the answer is **(C)**.', '(C)'),
    ('mc', ' 1. A\n2. B\nSo the answer is (B).', '(B)'),
    ('mc', LATE + 'So the answer is (F).', '(F)'),
    ('mc', ' So the answer is (A', '(A)'),
    ('mc', ' The answer is (B)\nSo the answer is (C).', '(C)'),
    ('ff', ' So the answer is True.', 'True'),
    ('ff', ' So the answer is true.', 'True'),
    ('ff', ' So the answer is 24.', '24'),
    ('ff', ' So the answer is 3.5.', '3.5'),
    ('ff', ' So the answer is 24.\n\nQ: more\nA: So the answer is 7.', '24'),
    ('ff', ' the answer is maybe, so the answer is No.', 'No'),
    ('ff', ' So the answer is valid.', 'valid'),
    ('ff', ' So the answer is **Yes**.', 'Yes'),
    ('ff', ' So the answer is: Yes.', 'Yes'),
    ('ff', ' So the answer is ) ] }.', ') ] }'),
    ('ff', ' So the answer is apple banana cherry.', 'apple banana cherry'),
    ('ff', ' So the answer is apple, banana, cherry.', 'apple banana cherry'),
    ('ff', ' So the answer is\n12.', '12'),
    ('ff', ' Yes', 'Yes'),
    ('ff', LATE + 'So the answer is 16.', '16'),
    ('ff', ' So the answer is -12.', '-12'),
    ('ff', '', 'True'),
    ('ff', ' So the answer is 1,000.', '1,000'),
]

# MATH: (output, reference answer)
MATH = [
    ('We have x = 24.\nFinal Answer: The final answer is $24$. I hope it is correct.', '24'),
    ('So $\\boxed{{24}}$.\nFinal Answer: The final answer is $24$. I hope it is correct.', '24'),
    ('The answer is $\\boxed{{24}}$.', '24'),
    ('Thus \\boxed{24}.', '24'),
    ('Final Answer: The final answer is $x/2$. I hope it is correct.', 'x / 2'),
    ('Final Answer: The final answer is $\\frac{x}{2}$. I hope it is correct.', 'x / 2'),
    ('Final Answer: The final answer is $3.5$. I hope it is correct.', '3.5'),
    ('Final Answer: The final answer is $\\frac{7}{2}$. I hope it is correct.', '3.5'),
    ('Final Answer: The final answer is $0.5$. I hope it is correct.', '\\frac{1}{2}'),
    ('Final Answer: The final answer is $\\text{(C)}$. I hope it is correct.', '\\text{(C)}'),
    ('Final Answer: The final answer is $C$. I hope it is correct.', '\\text{(C)}'),
    ('Final Answer: The final answer is $(C)$. I hope it is correct.', '\\text{(C)}'),
    ('Final Answer: The final answer is $\\dfrac{1}{2}$. I hope it is correct.', '\\frac{1}{2}'),
    ('Final Answer: The final answer is $\\frac12$. I hope it is correct.', '\\frac{1}{2}'),
    ('Final Answer: The final answer is $1/2$. I hope it is correct.', '\\frac{1}{2}'),
    ('Final Answer: The final answer is $90^\\circ$. I hope it is correct.', '90'),
    ('Final Answer: The final answer is $10\\%$. I hope it is correct.', '10'),
    ('Final Answer: The final answer is $\\$5$. I hope it is correct.', '5'),
    ('Final Answer: The final answer is $5 \\text{ cm}$. I hope it is correct.', '5'),
    ('Final Answer: The final answer is $x=3$. I hope it is correct.', '3'),
    ('Final Answer: The final answer is $\\sqrt2$. I hope it is correct.', '\\sqrt{2}'),
    ('Final Answer: The final answer is $100,000$. I hope it is correct.', '100000'),
    ('Final Answer: The final answer is $[2,5)$. I hope it is correct.', '[2,5)'),
    ('Final Answer: The final answer is $\\left( 3, \\frac{\\pi}{2} \\right)$. I hope it is '
     'correct.', '\\left( 3, \\frac{\\pi}{2} \\right)'),
    ('The final answer is 7. The final answer is 8.', '8'),
    ('We get 12. Then the final answer is 12', '12'),
    ('I do not know', '12'),
    ('', '12'),
    ('Final Answer: The final answer is $\\boxed{-\\frac{2}{3}}$. I hope it is correct.',
     '-\\frac{2}{3}'),
    ('Final Answer: The final answer is $-\\frac{2}{3}$. I hope it is correct.', '-\\frac{2}{3}'),
    ('Final Answer: The final answer is $2.50$. I hope it is correct.', '2.5'),
    ('Final Answer: The final answer is $\\mbox{Sunday}$. I hope it is correct.',
     '\\text{Sunday}'),
    ('Final Answer: The final answer is $\\text{Sunday}$. I hope it is correct.',
     '\\text{Sunday}'),
    ('The final answer is $4\\sqrt{3}$.\nFinal Answer: The final answer is $4\\sqrt{3}$.',
     '4\\sqrt{3}'),
    (LATE + 'Final Answer: The final answer is $16$. I hope it is correct.', '16'),
]

# TyDiQA-GoldP: (output, references)
TYDIQA = [
    (' Paris', ['Paris']),
    (' Paris, France', ['Paris']),
    (' paris.', ['Paris']),
    (' The Eiffel Tower', ['The Eiffel Tower']),
    (' the eiffel tower', ['Eiffel Tower']),
    (' Eiffel Tower', ['The Eiffel Tower']),
    (' 1,000', ['1,000']),
    (' 3.14', ['3.14']),
    (' 3.14', ['3']),
    (' Paris\nFrance', ['France']),
    (' Москва.', ['Москва']),
    (' Москва', ['москва']),
    (' «Война и мир»', ['Война и мир']),
    (' 東京。', ['東京']),
    (' 東京、日本', ['東京']),
    (' 「東京」', ['東京']),
    (' 서울', ['서울']),
    (' القاهرة،', ['القاهرة']),
    (' กรุงเทพมหานคร', ['กรุงเทพมหานคร']),
    (' Answer: Paris', ['Paris']),
    ('', ['Paris']),
    (' Paris', ['Lyon', 'Paris']),
    (' in the year 1889', ['1889']),
    (' An apple a day', ['apple']),
    (' Helsinki on Suomen pääkaupunki', ['Helsinki']),
    (' Jakarta', ['Jakarta', 'DKI Jakarta']),
    (LATE + 'Paris', ['Paris']),
    (' 1889 (centenary)', ['1889']),
    (' Dar es Salaam', ['Dar es Salaam']),
    (' హైదరాబాద్', ['హైదరాబాద్']),
    (' ঢাকা।', ['ঢাকা']),
    (' ICE-9', ['ICE 9']),
    (' naïve café', ['Naïve café']),
]

# MBPP answer extraction (the prompt ends "[BEGIN]\n"; the model goes on from there)
_F = "def f(x):\r\n    return x + 1"
MBPP = [
    " '" + _F + "' \n[DONE] \n\n ",
    " '" + _F + "' \n[DONE] \n\n You are an expert Python programmer, and here is your task: "
    "Write g. Your code should pass these tests:\n\n assert g(1) == 1 \n[BEGIN]\n 'def g(x): "
    "return x' \n[DONE]",
    "def f(x):\n    return x + 1\n[DONE]",
    "```python\ndef f(x):\n    return x + 1\n```\n[DONE]",
    "```\ndef f(x):\n    return x + 1\n```",
    "def f(x):\n    return x + 1\n```",
    " 'def f(x):\\n    return x + 1' \n[DONE]",
    " 'def f(s):\r\n    return s.split(\"\\n\")' \n[DONE]",
    " 'def f(s):\r\n    return s.replace(\"\\\\\", \"/\")' \n[DONE]",
    " 'def f\\_g(x):\r\n    return x' \n[DONE]",
    " 'def f(x): return x' \n[DONE] then ```python\nprint(1)\n``` more",
    "[BEGIN]\n 'def f(x): return x' \n[DONE]",
    " 'def f(x): return x'",
    " 'def f(x): return x' DONE",
    "",
    "   ",
    " 'def f(x):\r\n    \"\"\"Doc with DONE inside\"\"\"\r\n    return x' \n[DONE]",
    " 'import re\r\ndef f(s):\r\n    return re.sub(r\"\\s+\", \" \", s)' \n[DONE]",
    " 'def f(x):\r\n    return x' \n[DONE] \n\n [BEGIN]\n 'def f(x):\r\n    return -x' \n[DONE]",
    " \"def f(x): return x\" \n[DONE]",
    "'def f(x): return x'",
    " 'def f(x):\r\n    if x:\r\n        return \"it\\'s\"\r\n    return x' \n[DONE]",
    " 'class A:\r\n    pass' \n[DONE]",
    " 'def f(a, b):\r\n    return a // b' \n[DONE]",
    " 'def f(x):\r\n    return x' \n[DONE]\n```",
    " 'x = 1' \n[DONE] \n\n ```python\nx = 2\n```",
    " 'def f(l):\r\n    return [i for i in l if i % 2]' \n[DONE]",
    " 'def f(x): return x' \n[DONE",
    " 'print(\"BEGIN\")' \n[DONE]",
    " 'def f(t):\r\n    return t[::-1]' \n[DONE]",
    " 'def f(x):\r\n    return \\'a\\\\tb\\'' \n[DONE]",
]

_T = ['assert add(1, 2) == 3', 'assert add(2, 2) == 4', 'assert add(0, 0) == 0']
_OK = " 'def add(a, b):\r\n    return a + b' \n[DONE]"
# MBPP execution: (name, model output, asserts) run by OpenCompass' own execution()
MBPP_RUN = [
    ('correct', _OK, _T),
    ('wrong', " 'def add(a, b):\r\n    return a - b' \n[DONE]", _T),
    ('syntax-error', " 'def add(a, b)\r\n    return a + b' \n[DONE]", _T),
    ('name-error', " 'def plus(a, b):\r\n    return a + b' \n[DONE]", _T),
    ('sys-exit', " 'import sys\r\nsys.exit(0)' \n[DONE]", _T),
    ('exit', " 'exit()' \n[DONE]", _T),
    ('os-exit', " 'import os\r\nos._exit(0)' \n[DONE]", _T),
    ('atexit-exit0', " 'import atexit, os\r\natexit.register(lambda: os._exit(0))\r\n"
     "def add(a, b):\r\n    return a - b' \n[DONE]", _T),
    ('always-equal', " 'class E:\r\n    def __eq__(self, o):\r\n        return True\r\n"
     "def add(a, b):\r\n    return E()' \n[DONE]", _T),
    ('main-guard-def', " 'if __name__ == \"__main__\":\r\n    def add(a, b):\r\n"
     "        return a + b' \n[DONE]", _T),
    ('main-guard-test', " 'def add(a, b):\r\n    return a + b\r\nif __name__ == \"__main__\":\r\n"
     "    assert add(1, 1) == 3' \n[DONE]", _T),
    ('slow-within-limit', " 'import time\r\ndef add(a, b):\r\n    time.sleep(1.5)\r\n    return a + b' "
     "\n[DONE]", _T[:1]),
    ('correct-but-slow', " 'import time\r\ndef add(a, b):\r\n    time.sleep(2.5)\r\n    return a + b' "
     "\n[DONE]", _T[:1]),
    ('infinite-loop', " 'def add(a, b):\r\n    while True:\r\n        pass' \n[DONE]", _T),
    ('backslash-newline', " 'def add(a, b):\r\n    return len(\"x\\ny\") - 3 + a + b' \n[DONE]",
     _T),
    ('backslash-escape', " 'def add(a, b):\r\n    s = \"a\\\\b\"\r\n    return a + b' \n[DONE]", _T),
    ('input', " 'def add(a, b):\r\n    input()\r\n    return a + b' \n[DONE]", _T),
    ('print-noise', " 'def add(a, b):\r\n    print(\"PASS\")\r\n    return a + b' \n[DONE]", _T),
    ('raise-keyboard', " 'raise KeyboardInterrupt' \n[DONE]", _T),
]

# MMLU (PPL): per-option perplexities of 30 questions, ties included; OpenCompass picks the lowest
MMLU_PPL = [
    [2.0, 1.0, 3.0, 4.0], [1.0, 1.0, 1.0, 1.0], [4.0, 3.0, 2.0, 1.0], [1.5, 1.5, 1.2, 1.2],
    [9.9, 9.8, 9.7, 9.6], [0.1, 0.2, 0.3, 0.4], [5.0, 5.0, 4.0, 5.0], [3.3, 3.30001, 3.3, 3.4],
    [7.0, 6.0, 6.0, 7.0], [2.5, 2.4, 2.6, 2.4], [1.0, 2.0, 3.0, 0.5], [8.0, 7.5, 7.5, 9.0],
    [1e-3, 1e-4, 1e-2, 1e-1], [100.0, 10.0, 1000.0, 10.0], [3.0, 2.0, 2.0, 2.0],
    [6.1, 6.2, 6.0, 6.3], [2.0, 3.0, 1.0, 1.0], [4.4, 4.4, 4.4, 4.3], [0.9, 0.8, 0.8, 0.9],
    [12.0, 11.0, 13.0, 11.5], [1.25, 1.5, 1.125, 1.75], [2.2, 2.1, 2.3, 2.0],
    [5.5, 5.4, 5.6, 5.4], [3.0, 3.0, 2.9, 3.1], [1.0, 0.99, 1.01, 0.98], [7.7, 7.6, 7.8, 7.9],
    [2.0, 2.0, 2.0, 1.99], [4.0, 4.5, 3.5, 3.5], [6.0, 5.0, 4.0, 3.0], [1.1, 1.0, 1.1, 1.0],
]
