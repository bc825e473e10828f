#!/usr/bin/python3
"""quickstart.py: write, list and read back files in a store.

Usage: quickstart.py [LOCATION]

The same job as quickstart.c, through GObject Introspection. LOCATION is
a store URI (default "memory://quickstart") or NAME:path for a store of
the configuration file. From a build tree:

    meson devenv -C build /usr/bin/python3 examples/quickstart.py
"""
import sys

import gi
gi.require_version('RemoteStore', '1.0')
from gi.repository import GLib, RemoteStore  # noqa: E402

NAMES = ['notes/today.txt', 'notes/ideas.md', 'photos/2024/cat.jpg']


def main(location):
    store = RemoteStore.Store.new_for_uri(location)
    print('Store %s (backend %s)' % (location, store.get_backend().get_location()))

    metadata = None
    if store.supports(RemoteStore.Capabilities.USER_METADATA):
        metadata = {'author': 'quickstart'}
    for name in NAMES:
        written = store.write_text(name, 'This is %s.\n' % name,
                                   RemoteStore.WriteFlags.OVERWRITE, metadata, None)
        print('  wrote %-22s %3d bytes' % (written.get_path(), written.get_size()))

    print('Files, recursively:')
    files = store.list_files('', RemoteStore.ListFlags.RECURSIVE, None, -1, None)
    for entry in iter(lambda: files.next(None), None):
        print('  %-24s %3d bytes' % (entry.get_path(), entry.get_size()))

    text = store.read_text('notes/today.txt', None, None)
    print('notes/today.txt says: %s' % text, end='')

    totals = store.get_folder_info('', -1, None)
    print('%d files, %d bytes in all' % (totals.get_file_count(), totals.get_total_size()))

    # Errors are GLib.Error values in the RemoteStore.Error domain.
    try:
        store.read_bytes('notes/missing.txt', None)
    except GLib.Error as error:
        if not error.matches(RemoteStore.error_quark(), RemoteStore.Error.NOT_FOUND):
            raise
        print('As expected: %s' % error.message)
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'memory://quickstart'))
    except GLib.Error as error:
        print('quickstart: %s' % error.message, file=sys.stderr)
        sys.exit(2)
