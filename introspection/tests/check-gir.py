#!/usr/bin/python3
"""Every public function is usable from a binding. Speaks TAP.

Usage: check-gir.py RemoteStore-1.0.gir TEST-FILE...

1. every function, method and constructor is introspectable (no
   varargs-only API, nothing the scanner had to give up on);
2. containers are typed: no GHashTable, GList, GSList or GPtrArray
   parameter or return value with gpointer elements;
3. every callback parameter has a scope and every async function's
   callback is (scope async);
4. (a TODO, not a failure) every callable is exercised by each binding
   test, apart from memory management the bindings do themselves and
   plugin-side API; new API shows up here until a binding test uses it."""
import re
import sys
import xml.etree.ElementTree as ET

CORE = '{http://www.gtk.org/introspection/core/1.0}'
C = '{http://www.gtk.org/introspection/c/1.0}'
CONTAINERS = ('GLib.HashTable', 'GLib.List', 'GLib.SList', 'GLib.PtrArray')
# Not called from a binding, and why.
EXEMPT = {
    'RetryPolicy.free': 'memory management, done by the binding',
    'Secret.ref': 'memory management, done by the binding',
    'Secret.unref': 'memory management, done by the binding',
    'PluginInfo.register_backend': 'plugin init only; backends are C subclasses',
}


def callables(root):
    for owner in root.iter():
        kind = owner.tag.replace(CORE, '')
        if kind not in ('class', 'record', 'namespace', 'enumeration', 'bitfield', 'interface'):
            continue
        for item in owner:
            if item.tag.replace(CORE, '') in ('function', 'method', 'constructor'):
                yield '%s.%s' % (owner.get('name') or '', item.get('name')), item


def problems_of(name, item):
    if item.get('introspectable') == '0':
        yield '%s (%s) is not introspectable' % (name, item.get(C + 'identifier'))
        return
    for node in item.iter():
        tag = node.tag.replace(CORE, '')
        if tag == 'varargs':
            yield '%s takes varargs' % name
        if tag == 'type' and node.get('name') in CONTAINERS:
            elements = [child.get('name') for child in node]
            if not elements or 'gpointer' in elements:
                yield '%s: a %s without element types' % (name, node.get('name'))
    for param in item.iter(CORE + 'parameter'):
        type_node = param.find(CORE + 'type')
        if type_node is None or not (type_node.get('name') or '').endswith('Callback'):
            continue
        if param.get('scope') is None:
            yield '%s: callback %s has no scope' % (name, param.get('name'))
        if item.get('name').endswith('_async') and param.get('scope') != 'async':
            yield '%s: callback %s is not (scope async)' % (name, param.get('name'))


def main():
    root = ET.parse(sys.argv[1]).getroot()
    tests = {path: open(path, encoding='utf-8').read() for path in sys.argv[2:]}
    found = list(callables(root))
    problems = [p for name, item in found for p in problems_of(name, item)]
    print('1..2')
    print('%s 1 - all %d public callables are usable from bindings'
          % ('not ok' if problems else 'ok', len(found)))
    for problem in problems:
        print('# ' + problem)
    unused = []
    for name, item in found:
        if name in EXEMPT:
            continue
        short = item.get('name')
        for path, text in tests.items():
            if not re.search(r'\b%s\b' % re.escape(short), text):
                unused.append('%s is not called by %s' % (name, path.rsplit('/', 1)[-1]))
    if unused:
        print('not ok 2 - every callable is exercised by each binding test # TODO %d gaps'
              % len(unused))
    else:
        print('ok 2 - every callable is exercised by each binding test (%d exempt)' % len(EXEMPT))
    for line in unused + ['exempt: %s (%s)' % item for item in sorted(EXEMPT.items())]:
        print('# ' + line)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
