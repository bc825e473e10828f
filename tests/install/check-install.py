#!/usr/bin/python3
"""The installed tree and the plugin SDK, end to end. Speaks TAP.

Usage: check-install.py SOURCE-ROOT WORK-DIR

1. configures the source tree into a staging prefix, builds it, runs
   `meson install` into that prefix and into a DESTDIR;
2. checks the DESTDIR holds headers, remotestore-1.pc, GIR, typelib,
   plugins with manifests, translations (and the CLI when it is built);
3. builds, against the installed prefix only (pkg-config), a small C
   program, the out-of-tree example plugin (examples/fixtures-plugin) and
   the conformance suite;
4. runs the program (installed memory plugin, the example plugin through
   RS_PLUGIN_PATH) and the conformance suite's read-only cases on the
   example plugin;
5. shows a library error, and a CLI message when the CLI is built, in
   German under LANGUAGE=de."""
import glob
import os
import shutil
import subprocess
import sys

SOURCE, WORK = (os.path.abspath(a) for a in sys.argv[1:3])
HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = os.path.join(WORK, 'prefix')
DESTDIR = os.path.join(WORK, 'destdir')
FIXTURES = os.path.join(WORK, 'fixtures')
# Rules of the conformance suite whose cases need no write through the
# store (their files are seeded at native paths, RS_TEST_SEED).
READ_ONLY_RULES = ['rule02-invalid-path', 'rule03-root', 'rule04-root-refusals',
                   'rule15-read', 'rule16-info', 'rule17-listings', 'rule18-depth-pattern',
                   'rule19-lazy-paged', 'rule20-glob', 'rule22-probes']

results = []
failed = []


def report(ok, name, details=(), skip=None):
    number = len(results) + 1
    results.append(name)
    if skip is not None:
        print('ok %d - %s # SKIP %s' % (number, name, skip))
    elif ok:
        print('ok %d - %s' % (number, name))
    else:
        failed.append(name)
        print('not ok %d - %s' % (number, name))
    for line in details:
        print('# ' + line)
    sys.stdout.flush()
    return ok


def run(argv, env=None, timeout=300, cwd=None):
    return subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def tail(done, lines=25):
    return (done.stdout + done.stderr).strip().splitlines()[-lines:]


def clean_env(**extra):
    """The environment of a user of the installed tree: nothing points
    into the build tree."""
    env = {k: v for k, v in os.environ.items()
           if k not in ('LD_LIBRARY_PATH', 'GI_TYPELIB_PATH', 'RS_PLUGIN_PATH',
                        'PKG_CONFIG_PATH', 'MESON_BUILD_ROOT', 'MESON_SOURCE_ROOT')}
    env['PKG_CONFIG_PATH'] = pkgconfig_dir() or ''
    env['RS_CONFIG'] = ''
    env['XDG_CONFIG_HOME'] = os.path.join(WORK, 'no-user-config')
    env.update(extra)
    return env


def pkgconfig_dir():
    found = glob.glob(os.path.join(PREFIX, 'lib*', '**', 'pkgconfig', 'remotestore-1.pc'),
                      recursive=True)
    return os.path.dirname(found[0]) if found else None


def pkg_config(*args):
    done = run(['pkg-config'] + list(args) + ['remotestore-1'], env=clean_env())
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return done.stdout.split()


def stage():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    build = os.path.join(WORK, 'build')
    steps = [
        ['meson', 'setup', build, SOURCE, '--prefix=' + PREFIX, '-Dtests=false',
         '-Dintrospection=true', '-Ddocs=false', '-Dbenchmarks=false', '--wrap-mode=nodownload',
         '-Dbuildtype=plain'],  # no optimiser: the staged build only has to work
        ['ninja', '-C', build, '-j2'],
        ['meson', 'install', '-C', build, '--no-rebuild', '--quiet'],
        ['meson', 'install', '-C', build, '--no-rebuild', '--quiet', '--destdir', DESTDIR],
    ]
    for argv in steps:
        done = run(argv, env=clean_env())
        if done.returncode != 0:
            return report(False, 'meson install into a staging prefix and a DESTDIR',
                          ['$ ' + ' '.join(argv)] + tail(done))
    return report(True, 'meson install into a staging prefix and a DESTDIR')


def check_layout():
    root = DESTDIR + PREFIX
    wanted = {
        'headers': 'include/remotestore-1/remotestore/remotestore.h',
        'pkg-config file': 'lib*/**/pkgconfig/remotestore-1.pc',
        'typelib': 'lib*/**/girepository-1.0/RemoteStore-1.0.typelib',
        'GIR': 'share/gir-1.0/RemoteStore-1.0.gir',
        'memory plugin': 'lib*/**/remotestore-1/plugins/rs-memory.so',
        'memory manifest': 'lib*/**/remotestore-1/plugins/memory.plugin',
        'German translation': 'share/locale/de/LC_MESSAGES/remotestore-1.mo',
        'shared library': 'lib*/**/libremotestore-1.so.0',
    }
    if os.path.exists(os.path.join(SOURCE, 'tools', 'meson.build')):
        wanted['command-line tool'] = 'bin/remote-store'
    missing = [what + ' (' + pattern + ')' for what, pattern in sorted(wanted.items())
               if not glob.glob(os.path.join(root, pattern), recursive=True)]
    for header in glob.glob(os.path.join(root, 'include', '**', '*.h'), recursive=True):
        if header.endswith('-private.h'):
            missing.append('no private header installed: ' + header)
    return report(not missing, 'the DESTDIR holds headers, .pc, GIR, typelib, plugins, '
                  'manifests and translations', missing)


def build_program():
    program = os.path.join(WORK, 'hello-installed')
    argv = (['cc', '-o', program, os.path.join(HERE, 'hello-installed.c')] +
            pkg_config('--cflags') + pkg_config('--libs') +
            ['-Wl,-rpath,' + pkg_config('--variable=libdir')[0], '-Wall', '-Werror'])
    done = run(argv, env=clean_env())
    report(done.returncode == 0, 'a C program builds against the installed tree (pkg-config)',
           tail(done) if done.returncode else ())
    return program if done.returncode == 0 else None


def build_plugin():
    build = os.path.join(WORK, 'plugin-build')
    for argv in (['meson', 'setup', build, os.path.join(SOURCE, 'examples', 'fixtures-plugin')],
                 ['ninja', '-C', build]):
        done = run(argv, env=clean_env())
        if done.returncode != 0:
            report(False, 'the out-of-tree example plugin builds against the installed tree',
                   ['$ ' + ' '.join(argv)] + tail(done))
            return None
    report(True, 'the out-of-tree example plugin builds against the installed tree')
    return build


def build_conformance():
    program = os.path.join(WORK, 'conformance')
    sources = sorted(glob.glob(os.path.join(SOURCE, 'tests', 'conformance', '*.c')))
    argv = (['cc', '-o', program] + sources + pkg_config('--cflags') + pkg_config('--libs') +
            ['-Wl,-rpath,' + pkg_config('--variable=libdir')[0]])
    done = run(argv, env=clean_env())
    report(done.returncode == 0, 'the conformance suite builds against the installed tree',
           tail(done) if done.returncode else ())
    return program if done.returncode == 0 else None


def seed_fixtures():
    os.makedirs(FIXTURES, exist_ok=True)
    with open(os.path.join(FIXTURES, 'greeting.txt'), 'w') as f:
        f.write('hello from a fixture\n')


def run_program(program, plugin_dir, language):
    env = clean_env(RS_PLUGIN_PATH=plugin_dir, LANGUAGE=language, LC_ALL='C.UTF-8')
    return run([program, FIXTURES], env=env, timeout=30)


def check_program(program, plugin_dir):
    done = run_program(program, plugin_dir, 'C')
    ok = (done.returncode == 0 and 'memory: hello, installed world' in done.stdout and
          'fixtures: hello from a fixture' in done.stdout and
          '“missing.txt” does not exist on memory://installed' in done.stdout)
    report(ok, 'the program runs on the installed memory plugin and the example plugin',
           tail(done) if not ok else ())


def check_conformance(conformance, plugin_dir):
    cases = os.path.join(WORK, 'conformance-root')
    os.makedirs(cases, exist_ok=True)
    env = clean_env(RS_PLUGIN_PATH=plugin_dir, RS_TEST_URI='fixtures://' + cases,
                    RS_TEST_SEED='native-files', LANGUAGE='C')
    argv = [conformance, '--tap', '-k']
    for rule in READ_ONLY_RULES:
        argv += ['-p', '/sync/' + rule, '-p', '/async/' + rule]
    done = run(argv, env=env, timeout=120)
    lines = done.stdout.splitlines()
    passed = [l for l in lines if l.startswith('ok ') and '# SKIP' not in l]
    skipped = [l for l in lines if l.startswith('ok ') and '# SKIP' in l]
    not_ok = [l for l in lines if l.startswith('not ok')]
    ok = done.returncode == 0 and not not_ok and len(passed) > 0
    details = ['%d passed, %d skipped (capability), %d failed'
               % (len(passed), len(skipped), len(not_ok))] + skipped + not_ok
    if not ok:
        details += tail(done)
    report(ok, 'conformance read-only cases pass on the out-of-tree plugin', details)


def check_german_library(program, plugin_dir):
    done = run_program(program, plugin_dir, 'de')
    ok = done.returncode == 0 and '„missing.txt“ existiert nicht auf memory://installed' in done.stdout
    report(ok, 'a library error in German under LANGUAGE=de', tail(done, 5))


def check_german_cli():
    tool = os.path.join(PREFIX, 'bin', 'remote-store')
    name = 'a CLI message in German under LANGUAGE=de'
    if not os.path.exists(tool):
        return report(True, name, skip='tools/remote-store is not built on this branch')
    outputs = {}
    for language in ('C', 'de'):
        env = clean_env(LANGUAGE=language, LC_ALL='C.UTF-8')
        usage = run([tool, 'no-such-command'], env=env, timeout=30)
        failure = run([tool, 'cat', 'memory://de-test/missing.txt'], env=env, timeout=30)
        outputs[language] = (usage, failure)
    (c_usage, c_fail), (de_usage, de_fail) = outputs['C'], outputs['de']
    problems = []
    if de_usage.returncode != 1:
        problems.append('an unknown command exits with %d, not 1' % de_usage.returncode)
    def said(done):
        return (done.stdout + done.stderr).strip()

    if not said(de_usage) or said(de_usage) == said(c_usage):
        problems.append('the CLI\'s own usage message is not translated: ' + said(de_usage))
    if de_fail.returncode != 2:
        problems.append('a failed operation exits with %d, not 2' % de_fail.returncode)
    if 'existiert nicht' not in said(de_fail):
        problems.append('the library error is not German: ' + said(de_fail))
    report(not problems, name, problems + said(de_usage).splitlines()[:3] +
           said(de_fail).splitlines()[:3])


def main():
    print('1..9')
    if not stage():
        for name in range(8):
            report(False, 'not run: the staged install failed')
        return 1
    check_layout()
    seed_fixtures()
    program = build_program()
    plugin_dir = build_plugin()
    conformance = build_conformance()
    if program and plugin_dir:
        check_program(program, plugin_dir)
    else:
        report(False, 'the program runs (not built)')
    if conformance and plugin_dir:
        check_conformance(conformance, plugin_dir)
    else:
        report(False, 'conformance read-only cases (not built)')
    if program and plugin_dir:
        check_german_library(program, plugin_dir)
    else:
        report(False, 'a library error in German (not built)')
    check_german_cli()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
