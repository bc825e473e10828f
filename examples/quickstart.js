// quickstart.js: write, list and read back files in a store.
//
// Usage: gjs quickstart.js [LOCATION]
//
// The same job as quickstart.c, through GObject Introspection. LOCATION
// is a store URI (default "memory://quickstart") or NAME:path for a store
// of the configuration file. From a build tree:
//
//     meson devenv -C build gjs examples/quickstart.js
imports.gi.versions.RemoteStore = '1.0';
const {GLib, RemoteStore} = imports.gi;
const System = imports.system;

const NAMES = ['notes/today.txt', 'notes/ideas.md', 'photos/2024/cat.jpg'];

function main(location) {
    const store = RemoteStore.Store.new_for_uri(location);
    print(`Store ${location} (backend ${store.get_backend().get_location()})`);

    const metadata = store.supports(RemoteStore.Capabilities.USER_METADATA)
        ? {author: 'quickstart'} : null;
    for (const name of NAMES) {
        const written = store.write_text(name, `This is ${name}.\n`,
            RemoteStore.WriteFlags.OVERWRITE, metadata, null);
        print(`  wrote ${written.get_path().padEnd(22)} ${String(written.get_size()).padStart(3)} bytes`);
    }

    print('Files, recursively:');
    const files = store.list_files('', RemoteStore.ListFlags.RECURSIVE, null, -1, null);
    for (let entry = files.next(null); entry !== null; entry = files.next(null))
        print(`  ${entry.get_path().padEnd(24)} ${String(entry.get_size()).padStart(3)} bytes`);

    const text = store.read_text('notes/today.txt', null, null);
    print(`notes/today.txt says: ${text.replace(/\n$/, '')}`);

    const totals = store.get_folder_info('', -1, null);
    print(`${totals.get_file_count()} files, ${totals.get_total_size()} bytes in all`);

    // Errors are GLib.Error values in the RemoteStore.Error domain.
    try {
        store.read_bytes('notes/missing.txt', null);
    } catch (error) {
        if (!(error instanceof GLib.Error) ||
            !error.matches(RemoteStore.error_quark(), RemoteStore.Error.NOT_FOUND))
            throw error;
        print(`As expected: ${error.message}`);
    }
    return 0;
}

try {
    System.exit(main(ARGV.length > 0 ? ARGV[0] : 'memory://quickstart'));
} catch (error) {
    printerr(`quickstart: ${error.message}`);
    System.exit(2);
}
