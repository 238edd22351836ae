package dev.editgate.bench.mbpp;

/**
 * The Python program that judges one MBPP answer inside the sandbox, following OpenCompass' {@code
 * MBPPEvaluator} and {@code execution}: it reads one JSON request from standard input (the model's
 * raw output, the task's asserts, the protocol, the time limit and two random tokens), extracts the
 * code as {@code _process_answer} does, then {@code exec}s the code and the asserts in a fresh
 * namespace ({@code {}}: {@code __name__} is not {@code "__main__"}) with standard input, output
 * and error swallowed and a {@code SIGALRM} limit of {@code timeout - 1} seconds. The verdict is
 * OpenCompass': {@code pass}, {@code wrong_answer} (an AssertionError), {@code timeout}, or {@code
 * failed} (any other exception, {@code SystemExit} included).
 *
 * <p>It reports over a duplicate of the original standard output: {@code EDITGATE-START <start
 * token>} once the request is read (proof that Python and the harness run), {@code EDITGATE-CODE
 * <json>} (the extracted code), and only after the program returned, {@code EDITGATE-RESULT <result
 * token> <verdict>}; then it ends the process with {@code os._exit}, so {@code atexit} hooks never
 * run (as in OpenCompass' forked worker). A program that exits, kills its process or overruns the
 * wall clock leaves no result line and fails. The result token never passes through the program's
 * streams; code written to find it in the harness' memory could, which is the limit of any
 * in-process harness (the sandbox bounds what such code can do).
 */
final class MbppHarness {
    private MbppHarness() {}

    static final String SOURCE =
            """
            import ast as _ast, contextlib as _cl, io as _io, json as _json, os as _os
            import re as _re, signal as _signal, sys as _sys


            def _editgate_harness():
                req = _json.loads(_sys.stdin.buffer.readline().decode('utf-8'))
                fd = _os.dup(1)

                def report(line):
                    _os.write(fd, (line + '\\n').encode('utf-8'))

                report('EDITGATE-START ' + req['start'])
                result_token = req.pop('result')

                class TimeOut(Exception):
                    pass

                class WriteOnly(_io.StringIO):
                    def read(self, *a, **k):
                        raise IOError

                    def readline(self, *a, **k):
                        raise IOError

                    def readlines(self, *a, **k):
                        raise IOError

                    def readable(self, *a, **k):
                        return False

                @_cl.contextmanager
                def swallow():
                    s = WriteOnly()
                    old = _sys.stdin
                    with _cl.redirect_stdout(s), _cl.redirect_stderr(s):
                        _sys.stdin = s
                        try:
                            yield
                        finally:
                            _sys.stdin = old

                @_cl.contextmanager
                def limit(seconds):
                    def on_alarm(signum, frame):
                        raise TimeOut('Time out!')

                    _signal.setitimer(_signal.ITIMER_REAL, seconds)
                    _signal.signal(_signal.SIGALRM, on_alarm)
                    try:
                        yield
                    finally:
                        _signal.setitimer(_signal.ITIMER_REAL, 0)

                def study_answer(text):
                    # MBPPEvaluator._process_answer at OpenCompass 120bf8b
                    try:
                        with swallow(), limit(max(1, req['timeout'] - 1)):
                            v = eval(text)
                    except BaseException:
                        pass
                    else:
                        if isinstance(v, str):
                            text = v
                    if '```' in text:
                        blocks = _re.findall(r'```(.*?)```', text, _re.DOTALL)
                        if len(blocks) == 0:
                            text = text.split('```')[1]
                        else:
                            text = blocks[0]
                            if not text.startswith('\\n'):
                                text = text[max(text.find('\\n') + 1, 0):]
                    text = text.strip()
                    m = _re.search(r"('\\s*|)(\\[DONE\\]|DONE)", text)
                    if m:
                        text = text[:m.start()]
                    m = _re.search(r"(\\[BEGIN\\]|BEGIN)('\\s*|)", text)
                    if m:
                        text = text[m.end():]
                    text = text.strip()
                    if text.startswith("'"):
                        text = text[1:]
                    if text.endswith("'"):
                        text = text[:-1]
                    text = text.replace('\\\\', '')
                    m = _re.search(r'```python(.*)```', text, _re.DOTALL)
                    if m:
                        text = m.group(1).strip().split('```')[0].strip()
                    return text

                def head_answer(text):
                    # MBPPEvaluator._process_answer at OpenCompass a5acc4b
                    for p in [r"\\[BEGIN\\]\\s*'(.*)'\\s*\\[DONE\\]", r"BEGIN\\s*'(.*)'\\s*\\[DONE\\]",
                              r"\\[BEGIN\\]\\s*'(.*)'\\s*DONE", r"BEGIN\\s*'(.*)'\\s*DONE",
                              r"\\[BEGIN\\]\\s*'(.*)\\s*\\[DONE\\]", r"BEGIN\\s*'(.*)\\s*\\[DONE\\]",
                              r"\\[BEGIN\\]\\s*'(.*)\\s*DONE", r"BEGIN\\s*'(.*)\\s*DONE",
                              r'\\[BEGIN\\]\\s*(.*)\\s*\\[DONE\\]', r'BEGIN\\s*(.*)\\s*\\[DONE\\]',
                              r'\\[BEGIN\\]\\s*(.*)\\s*DONE', r'BEGIN\\s*(.*)\\s*DONE',
                              r'```python\\s*(.*)\\s*```', r'```\\s*(.*)\\s*```',
                              r'```python\\s*(.*)\\s*$', r'```\\s*(.*)\\s*$', r'(.*)\\s*```.*',
                              r"\\[BEGIN\\]\\s*'(.*)", r'\\[BEGIN\\](.*)', r"'(.*)'\\s*\\[DONE\\]"]:
                        m = _re.search(p, text, _re.DOTALL)
                        if m:
                            text = m.group(1)
                            break
                    text = text.split('```')[0]
                    text = _re.split(r"'?\\s*\\[?DONE\\]?", text)[0]
                    return text.replace('\\\\_', '_').strip()

                EQ = '__opencompass_type_aware_equal'

                def type_aware_equal(actual, expected):
                    # opencompass/utils/code_execution.py at a5acc4b
                    from collections.abc import Mapping
                    if type(actual) is not type(expected):
                        return False
                    if isinstance(actual, (list, tuple)):
                        return len(actual) == len(expected) and all(
                            type_aware_equal(a, e) for a, e in zip(actual, expected))
                    if isinstance(actual, (Mapping, set, frozenset)):
                        if len(actual) != len(expected):
                            return False
                        pairs = list(actual.items()) if isinstance(actual, Mapping) else list(actual)
                        wanted = list(expected.items()) if isinstance(actual, Mapping) else list(expected)
                        used = set()
                        for a in pairs:
                            for i, e in enumerate(wanted):
                                if i not in used and type_aware_equal(a, e):
                                    used.add(i)
                                    break
                            else:
                                return False
                        return True
                    try:
                        r = actual == expected
                    except Exception:
                        return False
                    return type(r) is bool and r

                class TypeAware(_ast.NodeTransformer):
                    def visit_Assert(self, node):
                        self.generic_visit(node)
                        c = node.test
                        if (isinstance(c, _ast.Compare) and len(c.ops) == 1
                                and isinstance(c.ops[0], _ast.Eq)):
                            node.test = _ast.Call(func=_ast.Name(id=EQ, ctx=_ast.Load()),
                                                  args=[c.left, c.comparators[0]], keywords=[])
                        return node

                def type_aware_tests(source):
                    try:
                        tree = _ast.parse(source)
                    except SyntaxError:
                        return source
                    tree = TypeAware().visit(tree)
                    _ast.fix_missing_locations(tree)
                    return _ast.unparse(tree)

                head = req['protocol'] == 'head'
                output = req['output']
                code = head_answer(output) if head else study_answer(output)
                report('EDITGATE-CODE ' + _json.dumps(code))
                tests = '\\n'.join(req['tests'])
                verdict = 'failed'
                try:
                    g = {}
                    with swallow(), limit(req['timeout'] - 1):
                        if head:
                            exec(code, g)
                            g[EQ] = type_aware_equal
                            exec(type_aware_tests(tests), g)
                        else:
                            exec(code + '\\n' + tests, g)
                    verdict = 'pass'
                except TimeOut:
                    verdict = 'timeout'
                except AssertionError:
                    verdict = 'wrong_answer'
                except BaseException:
                    verdict = 'failed'
                report('EDITGATE-RESULT ' + result_token + ' ' + verdict)
                _os._exit(0)


            _editgate_harness()
            """;
}
