#!/usr/bin/python3
"""Each translation of po/LINGUAS, measured against the current sources.
Speaks TAP.

Usage: check-translations.py SOURCE-ROOT WORK-DIR

Extracts a fresh template from po/POTFILES.in (as `ninja
remotestore-1-pot` does), merges each LANG.po into it, and runs
`msgfmt --check --statistics`. A catalogue msgfmt rejects (a broken
c-format, a bad header) fails. Entries that are untranslated or fuzzy
against the current sources — strings added or changed since the last
translation — are listed one by one and reported as a TODO, so that
they stay visible without failing the suite."""
import os
import re
import subprocess
import sys

ROOT, WORK = (os.path.abspath(a) for a in sys.argv[1:3])
PO = os.path.join(ROOT, 'po')
DOMAIN = 'remotestore-1'
# The keywords and flags of meson's i18n preset 'glib'.
XGETTEXT = ['xgettext', '--from-code=UTF-8', '--add-comments', '--keyword=_', '--keyword=N_',
            '--keyword=C_:1c,2', '--keyword=NC_:1c,2', '--keyword=g_dcgettext:2',
            '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
            '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
            '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
            '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
            '--flag=g_string_append_printf:2:c-format', '--flag=g_error_new:3:c-format',
            '--flag=g_set_error:4:c-format', '--flag=g_markup_printf_escaped:1:c-format',
            '--flag=g_log:3:c-format', '--flag=g_print:1:c-format',
            '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
            '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format',
            '--flag=g_snprintf:3:c-format']


def run(argv):
    return subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=120)


def entries_needing_work(po_text):
    """msgids of fuzzy and untranslated entries in a merged catalogue."""
    found = []
    for block in po_text.split('\n\n'):
        lines = block.strip().splitlines()
        if not any(l.startswith('msgid ') for l in lines):
            continue
        flags = ' '.join(l for l in lines if l.startswith('#,'))
        text = []
        part = None
        for line in lines:
            if line.startswith('msgid '):
                part, text = 'id', [line[6:]]
            elif line.startswith('msgstr'):
                part = 'str'
                strs = [line.split(' ', 1)[1]]
            elif line.startswith('"'):
                (text if part == 'id' else strs).append(line)
        msgid = ''.join(eval(t) for t in text)
        msgstr = ''.join(eval(s) for s in strs)
        if msgid == '' or block.lstrip().startswith('#~'):
            continue
        if 'fuzzy' in flags:
            found.append('fuzzy: ' + msgid)
        elif msgstr == '':
            found.append('untranslated: ' + msgid)
    return found


def main():
    os.makedirs(WORK, exist_ok=True)
    with open(os.path.join(PO, 'LINGUAS')) as f:
        languages = [w for line in f for w in line.split('#')[0].split()]
    pot = os.path.join(WORK, DOMAIN + '.pot')
    done = run(XGETTEXT + ['--files-from=' + os.path.join(PO, 'POTFILES.in'),
                           '--directory=' + ROOT, '--output=' + pot])
    print('1..%d' % (1 + 2 * len(languages)))
    number = 1
    if done.returncode != 0:
        print('not ok 1 - extract the template\n# ' + done.stderr.replace('\n', '\n# '))
        return 1
    print('ok 1 - extract the template from po/POTFILES.in')
    status = 0
    for lang in languages:
        merged = os.path.join(WORK, lang + '.po')
        done = run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--output-file=' + merged,
                    os.path.join(PO, lang + '.po'), pot])
        checked = run(['msgfmt', '--check', '--statistics', '--output-file=/dev/null',
                       merged]) if done.returncode == 0 else done
        number += 1
        stats = (checked.stderr or '').strip()
        if checked.returncode != 0:
            status = 1
            print('not ok %d - %s.po is a valid catalogue' % (number, lang))
        else:
            print('ok %d - %s.po is a valid catalogue' % (number, lang))
        for line in stats.splitlines():
            print('# ' + line)
        number += 1
        work = entries_needing_work(open(merged, encoding='utf-8').read()) \
            if os.path.exists(merged) else ['not merged']
        if work:
            print('not ok %d - %s.po translates every message of the sources '
                  '# TODO %d entries to translate' % (number, lang, len(work)))
            for item in work:
                print('# ' + item.replace('\n', '\\n'))
        else:
            print('ok %d - %s.po translates every message of the sources' % (number, lang))
    return status


if __name__ == '__main__':
    sys.exit(main())
