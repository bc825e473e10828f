#!/usr/bin/python3
"""POTFILES.in is complete, and user-visible messages are marked. Speaks TAP.

Usage: check-potfiles.py SOURCE-ROOT

1. every .c file under libremotestore/, registry/, plugins/ and tools/
   that marks a string (_( or N_( or C_( or NC_( ) is listed in
   po/POTFILES.in;
2. every file POTFILES.in lists exists (xgettext would fail otherwise);
3. no GError is built from an unmarked string literal there
   (g_set_error, g_task_return_new_error, g_error_new, g_prefix_error…
   with a "format" that is not inside _()), so a new message cannot
   slip past the translators. A format without words ("%s: ") needs no
   translation."""
import os
import re
import sys

ROOT = os.path.abspath(sys.argv[1])
SCANNED = ['libremotestore', 'registry', 'plugins', 'tools']
MARK = re.compile(r'(?<![A-Za-z0-9_])N?C?_\s*\(\s*"')
ERROR_CALL = re.compile(
    r'\b(g_set_error|g_set_error_literal|g_task_return_new_error|g_error_new|'
    r'g_error_new_literal|g_prefix_error|g_prefix_error_literal|g_propagate_prefixed_error)'
    r'\s*\(')
TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|[()]')


def sources():
    for top in SCANNED:
        for folder, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith('.c'):
                    path = os.path.join(folder, name)
                    yield os.path.relpath(path, ROOT), open(path, encoding='utf-8').read()


def strip_comments(text):
    # Blank comments out, keeping their newlines so line numbers hold.
    return re.sub(r'/\*.*?\*/|//[^\n]*', lambda m: re.sub(r'[^\n]', ' ', m.group(0)), text,
                  flags=re.S)


def has_words(literal):
    """A literal with words to translate: "%s: %s" has none."""
    bare = re.sub(r'%[-+ #0-9.*]*(?:l|ll|h|z|j|t|L)?[a-zA-Z%]|\\.', '', literal[1:-1])
    bare = re.sub(r'"\s*G_G[A-Z0-9_]*\s*"', '', bare)
    return re.search(r'[A-Za-z]', bare) is not None


def unmarked_errors(text):
    """Error calls with a string literal outside any parentheses of its
    argument, that is not inside _() or N_()."""
    code = strip_comments(text)
    for match in ERROR_CALL.finditer(code):
        depth = 1
        for token in TOKEN.finditer(code, match.end()):
            value = token.group(0)
            if value == '(':
                depth += 1
            elif value == ')':
                depth -= 1
                if depth == 0:
                    break
            elif value.startswith('"') and depth == 1 and has_words(value):
                yield code[:token.start()].count('\n') + 1, value
                break


def main():
    listed = []
    with open(os.path.join(ROOT, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)
    marked, bare = [], []
    for path, text in sources():
        if MARK.search(strip_comments(text)):
            marked.append(path)
        bare.extend('%s:%d: %s' % (path, line, literal) for line, literal in unmarked_errors(text))
    missing = [p for p in marked if p not in listed]
    absent = [p for p in listed if not os.path.exists(os.path.join(ROOT, p))]
    checks = [
        ('every source file with marked strings is in po/POTFILES.in (%d files)' % len(marked),
         ['missing from POTFILES.in: ' + p for p in missing]),
        ('every file po/POTFILES.in lists exists', ['listed but absent: ' + p for p in absent]),
        ('every GError message is marked for translation',
         ['unmarked message at ' + b for b in bare]),
    ]
    print('1..%d' % len(checks))
    status = 0
    for number, (name, problems) in enumerate(checks, 1):
        print('%s %d - %s' % ('not ok' if problems else 'ok', number, name))
        for problem in problems:
            print('# ' + problem)
        status |= bool(problems)
    return status


if __name__ == '__main__':
    sys.exit(main())
