"""Imports modules of an OpenCompass checkout without running its package ``__init__`` files.

OpenCompass' package ``__init__`` files import every dataset, model and evaluator (and with them
dozens of heavy dependencies). This loader makes each ``opencompass`` package an empty module whose
attributes are resolved lazily: ``from opencompass.openicl import DatasetReader`` reads the real
``opencompass/openicl/__init__.py`` with ``ast``, finds the submodule that defines the name and
imports only that one. Every function then runs from the checkout's own source, unchanged.
"""

import ast
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import types


def _defines(path, name):
    """Whether the module source at ``path`` binds ``name`` at its top level."""
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read())
    for node in ast.walk(tree):  # also names bound under a top-level if/try
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            if node.name == name:
                return True
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name) and t.id == name:
                    return True
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                if (a.asname or a.name.split('.')[0]) == name:
                    return True
    return False


def _module_file(pkg_dir, rel):
    base = os.path.join(pkg_dir, *rel.split('.'))
    if os.path.isdir(base):
        return os.path.join(base, '__init__.py')
    return base + '.py'


class _LazyPackage(types.ModuleType):
    """A package whose ``__init__`` is not executed; names come from its submodules on demand."""

    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        init = os.path.join(self.__path__[0], '__init__.py')
        if os.path.exists(init):
            with open(init, encoding='utf-8') as f:
                tree = ast.parse(f.read())
            for node in tree.body:
                if not isinstance(node, ast.ImportFrom) or node.level != 1:
                    continue
                for a in node.names:
                    target = a.asname or a.name
                    if target == name or (a.name == '*' and _defines(
                            _module_file(self.__path__[0], node.module), name)):
                        sub = importlib.import_module(self.__name__ + '.' + node.module)
                        value = getattr(sub, a.name if a.name != '*' else name)
                        setattr(self, name, value)
                        return value
        try:
            sub = importlib.import_module(self.__name__ + '.' + name)
        except ModuleNotFoundError:
            raise AttributeError(f'{self.__name__} has no {name}') from None
        return sub


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):

    def __init__(self, root):
        self.root = root

    def find_spec(self, fullname, path, target=None):
        if fullname != 'opencompass' and not fullname.startswith('opencompass.'):
            return None
        d = os.path.join(self.root, *fullname.split('.'))
        if os.path.isdir(d):
            spec = importlib.machinery.ModuleSpec(fullname, self, is_package=True)
            spec.submodule_search_locations = [d]
            return spec
        f = d + '.py'
        if os.path.exists(f):
            return importlib.util.spec_from_file_location(fullname, f)
        return None

    def create_module(self, spec):
        m = _LazyPackage(spec.name)
        m.__path__ = list(spec.submodule_search_locations)
        m.__file__ = os.path.join(m.__path__[0], '__init__.py')
        return m

    def exec_module(self, module):
        pass  # the package's __init__ is deliberately not run


def use(checkout):
    """Makes ``import opencompass...`` read ``checkout`` (a clone at a pinned commit)."""
    for name in [m for m in sys.modules if m == 'opencompass' or m.startswith('opencompass.')]:
        del sys.modules[name]
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _Finder)]
    sys.meta_path.insert(0, _Finder(os.path.abspath(checkout)))
    importlib.invalidate_caches()
