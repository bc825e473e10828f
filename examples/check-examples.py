#!/usr/bin/python3
"""Runs the quickstart in every language and checks each does the same
job: exit status 0 and exactly the C program's output. Speaks TAP.

Usage: check-examples.py C-PROGRAM PYTHON-SCRIPT JS-SCRIPT [LOCATION]"""
import subprocess
import sys

c_program, py_script, js_script = sys.argv[1:4]
location = sys.argv[4:5]
runs = [
    ('C', [c_program] + location),
    ('Python', ['/usr/bin/python3', py_script] + location),
    ('JavaScript', ['gjs', js_script] + location),
]
print('1..%d' % len(runs))
reference = None
failed = 0
for number, (language, argv) in enumerate(runs, 1):
    done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    problems = []
    if done.returncode != 0:
        problems.append('exit status %d: %s' % (done.returncode, done.stderr.strip()))
    if 'As expected: ' not in done.stdout or '3 files, 78 bytes in all' not in done.stdout:
        problems.append('the job is incomplete')
    if reference is None:
        reference = done.stdout
    elif done.stdout != reference:
        problems.append('output differs from the C example')
    if problems:
        failed += 1
        print('not ok %d - %s quickstart' % (number, language))
        for line in problems + done.stdout.splitlines():
            print('# ' + line)
    else:
        print('ok %d - %s quickstart' % (number, language))
sys.exit(1 if failed else 0)
