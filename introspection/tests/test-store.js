// RemoteStore through GJS: stores from URIs and the registry, sync and
// async operations driven by a GLib.MainLoop, errors, streams,
// enumerators and cancellation. Speaks TAP.
imports.gi.versions.RemoteStore = '1.0';
const {GLib, Gio, RemoteStore: RS} = imports.gi;
const System = imports.system;

const P = GLib.PRIORITY_DEFAULT;
const NONE = RS.WriteFlags.NONE;
const tests = [];
let counter = 0;

function test(name, func) {
    tests.push([name, func]);
}

function assert(condition, message) {
    if (!condition)
        throw new Error(`assertion failed: ${message}`);
}

function assertEq(actual, expected, what) {
    const a = JSON.stringify(actual), e = JSON.stringify(expected);
    if (a !== e)
        throw new Error(`${what}: expected ${e}, got ${a}`);
}

function freshStore() {
    counter += 1;
    return RS.Store.new_for_uri(`memory://js-${counter}`);
}

function text(bytes) {
    return new TextDecoder().decode(bytes.toArray());
}

// Runs start(callback) under a GLib.MainLoop until the callback ran and
// returns finish(result); errors thrown by finish propagate.
function runAsync(start, finish) {
    const loop = GLib.MainLoop.new(null, false);
    let result = null;
    start((source, res) => {
        result = res;
        loop.quit();
    });
    const timeout = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 20, () => {
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
    loop.run();
    if (result === null)
        throw new Error('the async call never completed');
    GLib.source_remove(timeout);
    return finish(result);
}

function expectError(domain, code, func) {
    try {
        func();
    } catch (e) {
        if (!(e instanceof GLib.Error))
            throw e;
        assert(e.matches(domain, code),
            `expected ${domain}/${code}, got ${e.domain}/${e.code}: ${e.message}`);
        assert(e.message.length > 0, 'error messages are never empty');
        return e;
    }
    throw new Error('the call did not fail');
}

const RS_ERROR = RS.error_quark();
const CANCELLED = [Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED];

function drain(enumerator) {
    const paths = [];
    for (let entry = enumerator.next(null); entry !== null; entry = enumerator.next(null))
        paths.push(entry.get_path());
    return paths.sort();
}

function drainAsync(enumerator, batch) {
    const paths = [];
    for (;;) {
        const entries = runAsync(cb => enumerator.next_batch_async(batch, P, null, cb),
            r => enumerator.next_batch_finish(r));
        if (entries.length === 0)
            return paths.sort();
        assert(entries.length <= batch, 'a batch is never larger than asked');
        entries.forEach(e => paths.push(e.get_path()));
    }
}

test('open from a URI and through the registry', () => {
    const store = RS.Store.new_for_uri('memory://js-open/sub');
    assertEq(store.get_root_path(), 'sub', 'root path');
    assertEq(store.get_backend().get_name(), 'memory', 'backend name');
    assert(store.supports(RS.Capabilities.READ | RS.Capabilities.LIST), 'supports');

    const registry = RS.Registry.get_default();
    const names = registry.list_plugins().map(info => info.get_name());
    assert(names.includes('memory'), `plugins: ${names}`);
    const same = registry.open('memory://js-open');
    store.write_text('a.txt', 'shared', NONE, null, null);
    assertEq(same.read_text('sub/a.txt', null, null), 'shared', 'shared tree');

    const privateRegistry = RS.Registry.new_for_path(GLib.getenv('RS_PLUGIN_PATH'));
    const backend = privateRegistry.create_backend('memory', {name: 'js-open', 'page-size': '2'});
    assertEq(backend.page_size, 2, 'option as property');
    assertEq(RS.Store.new(backend, 'sub').read_text('a.txt', null, null), 'shared', 'new()');

    const file = GLib.build_filenamev([GLib.get_tmp_dir(), `rs-js-${counter}-${Date.now()}.conf`]);
    GLib.file_set_contents(file, '[backend f]\ntype=memory\nname=js-file\n[store fs]\nbackend=f\n');
    const fromFile = RS.Registry.new_for_path(GLib.getenv('RS_PLUGIN_PATH'));
    fromFile.load_config(file);
    GLib.unlink(file);
    fromFile.open('fs:').write_text('k', 'v', NONE, null, null);
    assertEq(RS.Store.new_for_uri('memory://js-file').read_text('k', null, null), 'v', 'load_config');

    privateRegistry.load_config_from_data(
        '[backend cache]\ntype=memory\nname=js-config\n[store scratch]\nbackend=cache\nroot-path=tmp\n', -1);
    assertEq(privateRegistry.list_stores(), ['scratch'], 'named stores');
    privateRegistry.open('scratch:r').write_text('x.txt', 'x', NONE, null, null);
    assert(RS.Store.new_for_uri('memory://js-config').is_file('tmp/r/x.txt', null), 'named store');
    expectError(RS_ERROR, RS.Error.PLUGIN, () => RS.Store.new_for_uri('nosuchscheme://x'));
});

test('addressing and value types', () => {
    const store = RS.Store.new_for_uri('memory://js-addr/root');
    const plan = store.resolve('a//./b.txt');
    assertEq([plan.get_kind(), plan.get_key()], ['path', 'root/a/b.txt'], 'plan');
    assertEq(typeof plan.get_details(), 'object', 'details');
    assertEq(store.to_key(store.native_path('a/b')), 'a/b', 'round trip');
    assertEq(store.child('a').get_root_path(), 'root/a', 'child');
    assertEq(RS.Secret.new('hunter2').to_string(), '***', 'secret');
    const policy = RS.RetryPolicy.new();
    policy.set_attempts(4);
    assertEq(policy.copy().get_attempts(), 4, 'retry policy');
});

test('synchronous write, read, list, move, delete', () => {
    const store = freshStore();
    const result = store.write_text('docs/a.txt', 'alpha', NONE, {author: 'js'}, null);
    assertEq([result.get_path(), result.get_size()], ['docs/a.txt', 5], 'write result');
    assertEq(result.get_metadata(), {author: 'js'}, 'metadata echoed');
    store.write_bytes('docs/b.bin', new GLib.Bytes(new Uint8Array([0, 1, 2])), NONE, null, null);
    const source = Gio.MemoryInputStream.new_from_bytes(new GLib.Bytes(new TextEncoder().encode('streamed')));
    store.write('docs/deep/c.txt', source, NONE, null, null);

    assertEq(store.read_text('docs/a.txt', null, null), 'alpha', 'read_text');
    assertEq(Array.from(store.read_bytes('docs/b.bin', null).toArray()), [0, 1, 2], 'read_bytes');
    assertEq(text(store.read_range('docs/deep/c.txt', 2, 3, null)), 'rea', 'read_range');
    assert(store.is_folder('docs', null) && store.is_file('docs/a.txt', null), 'types');
    const info = store.get_file_info('docs/a.txt', null);
    assert(info instanceof RS.FileInfo, 'a FileInfo');
    assertEq([info.get_name(), info.get_size()], ['a.txt', 5], 'info');
    assertEq(info.get_metadata(), {author: 'js'}, 'info metadata');
    const folder = store.get_folder_info('docs', -1, null);
    assertEq([folder.get_file_count(), folder.get_total_size()], [3, 16], 'folder info');

    assertEq(drain(store.list_files('docs', RS.ListFlags.NONE, null, -1, null)),
        ['docs/a.txt', 'docs/b.bin'], 'list_files');
    assertEq(drain(store.list_files('', RS.ListFlags.RECURSIVE, '*.txt', -1, null)),
        ['docs/a.txt', 'docs/deep/c.txt'], 'recursive with pattern');
    assertEq(drain(store.list_folders('docs', null, -1, null)), ['docs/deep'], 'list_folders');
    const children = store.iter_children('docs', null);
    const kinds = [];
    for (let e = children.next(null); e !== null; e = children.next(null))
        kinds.push(`${e.get_name()}:${e instanceof RS.FolderEntry ? 'folder' : 'file'}`);
    assertEq(kinds.sort(), ['a.txt:file', 'b.bin:file', 'deep:folder'], 'iter_children');
    assertEq(drain(store.glob('**/*.txt', null)), ['docs/a.txt', 'docs/deep/c.txt'], 'glob');

    store.copy('docs/a.txt', 'copy.txt', RS.CopyFlags.NONE, null);
    store.move('docs/b.bin', 'moved.bin', RS.CopyFlags.NONE, null);
    store.delete('moved.bin', RS.DeleteFlags.NONE, null);
    store.delete_folder('docs', RS.DeleteFlags.RECURSIVE, null);
    assertEq(drain(store.list_files('', RS.ListFlags.RECURSIVE, null, -1, null)), ['copy.txt'], 'after');
    store.ping(null);
});

test('the same through _async and a GLib.MainLoop', () => {
    const store = freshStore();
    const r = runAsync(cb => store.write_text_async('a/x.txt', 'hello', NONE, {k: 'v'}, P, null, cb),
        res => store.write_text_finish(res));
    assertEq(r.get_size(), 5, 'async write size');
    runAsync(cb => store.write_bytes_async('a/y.bin', new GLib.Bytes(new TextEncoder().encode('12345678')),
        NONE, null, P, null, cb), res => store.write_bytes_finish(res));
    const input = Gio.MemoryInputStream.new_from_bytes(new GLib.Bytes(new TextEncoder().encode('via stream')));
    runAsync(cb => store.write_async('a/b/z.txt', input, NONE, null, P, null, cb),
        res => store.write_finish(res));

    assertEq(runAsync(cb => store.read_text_async('a/x.txt', null, P, null, cb),
        res => store.read_text_finish(res)), 'hello', 'async read_text');
    assertEq(text(runAsync(cb => store.read_bytes_async('a/y.bin', P, null, cb),
        res => store.read_bytes_finish(res))), '12345678', 'async read_bytes');
    assertEq(text(runAsync(cb => store.read_range_async('a/y.bin', 6, 10, P, null, cb),
        res => store.read_range_finish(res))), '78', 'async read_range');
    assert(runAsync(cb => store.is_folder_async('a/b', P, null, cb), res => store.is_folder_finish(res)),
        'async is_folder');
    assert(runAsync(cb => store.exists_async('a/x.txt', P, null, cb), res => store.exists_finish(res)),
        'async exists');
    assertEq(runAsync(cb => store.get_file_info_async('a/x.txt', P, null, cb),
        res => store.get_file_info_finish(res)).get_metadata(), {k: 'v'}, 'async info');
    assertEq(runAsync(cb => store.get_folder_info_async('a', -1, P, null, cb),
        res => store.get_folder_info_finish(res)).get_file_count(), 3, 'async folder info');

    const listing = runAsync(cb => store.list_files_async('a', RS.ListFlags.RECURSIVE, null, -1, P, null, cb),
        res => store.list_files_finish(res));
    assertEq(drainAsync(listing, 2), ['a/b/z.txt', 'a/x.txt', 'a/y.bin'], 'async listing');
    const hits = runAsync(cb => store.glob_async('**/*.txt', P, null, cb), res => store.glob_finish(res));
    assertEq(drainAsync(hits, 5), ['a/b/z.txt', 'a/x.txt'], 'async glob');

    runAsync(cb => store.move_async('a/y.bin', 'm.bin', RS.CopyFlags.NONE, P, null, cb),
        res => store.move_finish(res));
    runAsync(cb => store.copy_async('m.bin', 'c.bin', RS.CopyFlags.NONE, P, null, cb),
        res => store.copy_finish(res));
    runAsync(cb => store.delete_async('m.bin', RS.DeleteFlags.NONE, P, null, cb),
        res => store.delete_finish(res));
    runAsync(cb => store.delete_folder_async('a', RS.DeleteFlags.RECURSIVE, P, null, cb),
        res => store.delete_folder_finish(res));
    assertEq(drain(store.list_files('', RS.ListFlags.RECURSIVE, null, -1, null)), ['c.bin'], 'after');
});

test('errors are GLib.Error with RemoteStore.Error codes', () => {
    const store = freshStore();
    store.write_text('f.txt', 'x', NONE, null, null);
    store.write_text('dir/g.txt', 'x', NONE, null, null);
    const e = expectError(RS_ERROR, RS.Error.NOT_FOUND, () => store.read_bytes('missing.txt', null));
    assert(e.message.includes('missing.txt'), e.message);
    expectError(RS_ERROR, RS.Error.ALREADY_EXISTS, () => store.write_text('f.txt', 'y', NONE, null, null));
    expectError(RS_ERROR, RS.Error.INVALID_PATH, () => store.read_bytes('../up', null));
    expectError(RS_ERROR, RS.Error.DIRECTORY_NOT_EMPTY,
        () => store.delete_folder('dir', RS.DeleteFlags.NONE, null));
    expectError(RS_ERROR, RS.Error.INVALID_ARGUMENT,
        () => store.write_text('m', 'y', NONE, {_hidden: 'no'}, null));
    expectError(RS_ERROR, RS.Error.NOT_FOUND, () => runAsync(
        cb => store.read_text_async('nope', null, P, null, cb), res => store.read_text_finish(res)));

    const backend = RS.Registry.get_default().create_backend('memory', null);
    backend.set_capabilities(backend.get_capabilities() & ~RS.Capabilities.DELETE);
    backend.set_location('memory://gated');
    backend.set_facts(backend.get_facts() | RS.BackendFacts.TERMINAL_CLOSE);
    const gated = RS.Store.new(backend, '');
    assert(expectError(RS.Error.quark(), RS.Error.NOT_FOUND, () => gated.read_bytes('none', null))
        .message.includes('memory://gated'), 'the location names the backend');
    expectError(RS_ERROR, RS.Error.CAPABILITY_NOT_SUPPORTED,
        () => gated.delete('x', RS.DeleteFlags.MISSING_OK, null));
    gated.close(null);
    expectError(RS_ERROR, RS.Error.BACKEND_UNAVAILABLE, () => gated.exists('x', null));
});

test('a read stream is a Gio.InputStream', () => {
    const store = freshStore();
    const payload = new Uint8Array(5000).map((_, i) => i % 251);
    store.write_bytes('big.bin', new GLib.Bytes(payload), NONE, null, null);
    const stream = store.read('big.bin', null);
    assert(stream instanceof Gio.InputStream, 'an input stream');
    let total = 0, sum = 0;
    for (;;) {
        const chunk = stream.read_bytes(700, null);
        assert(chunk.get_size() <= 700, 'never more than asked');
        if (chunk.get_size() === 0)
            break;
        total += chunk.get_size();
        chunk.toArray().forEach(b => (sum += b));
    }
    assertEq(total, payload.length, 'every byte');
    assertEq(sum, payload.reduce((a, b) => a + b, 0), 'the right bytes');
    stream.close(null);

    const seekable = store.read('big.bin', null);
    if (store.supports(RS.Capabilities.SEEKABLE_READ)) {
        seekable.seek(4000, GLib.SeekType.SET, null);
        assertEq(seekable.tell(), 4000, 'tell after seek');
    }
    const tail = runAsync(cb => seekable.read_bytes_async(2000, P, null, cb),
        res => seekable.read_bytes_finish(res));
    assertEq(tail.get_size(), 1000, 'async read of the tail');
    assertEq(tail.toArray()[0], payload[4000], 'tail content');
});

test('open_write streams: one committed, one aborted', () => {
    const store = freshStore();
    const out = store.open_write('out/ok.txt', RS.WriteFlags.ATOMIC, {via: 'stream'}, null);
    assert(out instanceof Gio.OutputStream, 'an output stream');
    out.write_bytes(new GLib.Bytes(new TextEncoder().encode('one, ')), null);
    out.write_all(new TextEncoder().encode('two'), null);
    assert(!store.exists('out/ok.txt', null), 'invisible before the commit');
    out.close(null);
    assertEq(store.read_text('out/ok.txt', null, null), 'one, two', 'committed');
    assertEq(store.get_file_info('out/ok.txt', null).get_metadata(), {via: 'stream'}, 'its metadata');

    const aborted = store.open_write('out/no.txt', RS.WriteFlags.ATOMIC, null, null);
    aborted.write_bytes(new GLib.Bytes(new TextEncoder().encode('never')), null);
    const cancellable = new Gio.Cancellable();
    cancellable.cancel();
    expectError(...CANCELLED, () => aborted.close(cancellable));
    assert(!store.exists('out/no.txt', null), 'aborted write left nothing');

    const later = runAsync(cb => store.open_write_async('out/async.txt', NONE, null, P, null, cb),
        res => store.open_write_finish(res));
    runAsync(cb => later.write_bytes_async(new GLib.Bytes(new TextEncoder().encode('async')), P, null, cb),
        res => later.write_bytes_finish(res));
    runAsync(cb => later.close_async(P, null, cb), res => later.close_finish(res));
    assertEq(drain(store.list_files('out', RS.ListFlags.NONE, null, -1, null)),
        ['out/async.txt', 'out/ok.txt'], 'only the committed files');
});

test('enumerators are drained and closed', () => {
    counter += 1;
    const store = RS.Store.new_for_uri(`memory://js-enum-${counter}?page-size=3`);
    const expected = [];
    for (let i = 0; i < 10; i++) {
        const path = `many/f${String(i).padStart(2, '0')}.txt`;
        store.write_text(path, `${i}`, NONE, null, null);
        expected.push(path);
    }
    const enumerator = store.list_files('many', RS.ListFlags.NONE, null, -1, null);
    assertEq(drain(enumerator), expected, 'all pages');
    assertEq(enumerator.next(null), null, 'stays at its end');
    enumerator.close(null);
    assert(enumerator.is_closed(), 'closed');
    assertEq(drainAsync(store.list_files('many', RS.ListFlags.NONE, null, -1, null), 4), expected,
        'all pages, async');
});

test('cancellation through Gio.Cancellable', () => {
    const store = freshStore();
    const cancelled = new Gio.Cancellable();
    cancelled.cancel();
    expectError(...CANCELLED, () => store.write_text('b.txt', 'b', NONE, null, cancelled));
    expectError(...CANCELLED, () => runAsync(
        cb => store.write_text_async('c.txt', 'c', NONE, null, P, cancelled, cb),
        res => store.write_text_finish(res)));
    assert(!store.exists('b.txt', null) && !store.exists('c.txt', null), 'nothing written');

    // asyncmem (a test plugin) answers from its own I/O thread after a delay.
    const slow = RS.Store.new_for_uri('asyncmem://?latency-ms=100');
    expectError(...CANCELLED, () => slow.read_bytes('a.txt', cancelled));
    const live = new Gio.Cancellable();
    GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
        live.cancel();
        return GLib.SOURCE_REMOVE;
    });
    expectError(...CANCELLED, () => runAsync(
        cb => slow.get_file_info_async('a.txt', P, live, cb), res => slow.get_file_info_finish(res)));
});

test('more of the async API, and value objects', () => {
    const store = freshStore();
    store.write_text('d/f.txt', 'abc', NONE, null, null);
    store.write_text('d/sub/g.txt', 'g', NONE, null, null);
    assertEq(runAsync(cb => store.head_async('d/f.txt', P, null, cb),
        res => store.head_finish(res)).get_source(), RS.ResultSource.SIDECAR, 'head_async');
    assertEq(store.head('d/f.txt', null).get_size(), 3, 'head');
    assert(runAsync(cb => store.is_file_async('d/f.txt', P, null, cb), res => store.is_file_finish(res)),
        'is_file_async');
    assertEq(drainAsync(runAsync(cb => store.list_folders_async('d', null, -1, P, null, cb),
        res => store.list_folders_finish(res)), 3), ['d/sub'], 'list_folders_async');
    assertEq(drainAsync(runAsync(cb => store.iter_children_async('d', P, null, cb),
        res => store.iter_children_finish(res)), 1), ['d/f.txt', 'd/sub'], 'iter_children_async');
    const stream = runAsync(cb => store.read_async('d/f.txt', P, null, cb), res => store.read_finish(res));
    assertEq(text(stream.read_bytes(10, null)), 'abc', 'read_async stream');
    runAsync(cb => store.ping_async(P, null, cb), res => store.ping_finish(res));
    const listing = store.list_files('d', RS.ListFlags.NONE, null, -1, null);
    assert(listing.get_store() === store, 'enumerator store');
    const info = listing.next(null);
    assert(info.get_modified() instanceof GLib.DateTime, 'modified is a GLib.DateTime');
    assert(store.get_folder_info('d', -1, null).get_modified() !== null, 'folder modified');

    const modified = GLib.DateTime.new_utc(2024, 5, 6, 7, 8, 9);
    const result = RS.WriteResult.new('x', 1, RS.ResultSource.BASIC);
    result.set_etag('e');
    result.set_version_id('v');
    result.set_digest('d');
    result.set_last_modified(modified);
    result.set_metadata({a: 'b'});
    assertEq([result.get_etag(), result.get_version_id(), result.get_digest(), result.get_metadata()],
        ['e', 'v', 'd', {a: 'b'}], 'write result fields');
    assert(result.get_last_modified().equal(modified), 'last modified');
    const file = RS.FileInfo.new('p/q', 2);
    file.set_etag('t');
    file.set_content_type('text/plain');
    file.set_digest('z');
    file.set_modified(modified);
    file.set_metadata({m: 'n'});
    assertEq([file.get_etag(), file.get_content_type(), file.get_digest(), file.get_metadata()],
        ['t', 'text/plain', 'z', {m: 'n'}], 'file info fields');
    const secret = RS.Secret.new('pw');
    assertEq([secret.reveal(), secret.is_empty(), secret.to_string()], ['pw', false, '***'], 'secret');
    const policy = RS.RetryPolicy.new();
    policy.set_base_delay_ms(5);
    policy.set_max_delay_ms(20);
    policy.set_jitter(0);
    policy.set_deadline_ms(100);
    assertEq([policy.get_base_delay_ms(), policy.get_max_delay_ms(), policy.get_jitter(),
        policy.get_deadline_ms()], [5, 20, 0, 100], 'retry policy');
    assert(policy.get_delay_ms(10) <= 20, 'delay capped');

    const backend = store.get_backend();
    assert(backend.get_location().startsWith('memory://js-'), 'location');
    assert(backend.get_facts() & RS.BackendFacts.TERMINAL_CLOSE, 'facts');
    assert(backend.get_retry_policy().get_attempts() >= 1, 'retry policy of a backend');
    assertEq(backend.get_reject_write_under_file_ancestor(), false, 'option getter');
    assertEq(store.resolve('d/f.txt').get_native_path(), store.native_path('d/f.txt'), 'native path');
    runAsync(cb => store.close_async(P, null, cb), res => store.close_finish(res));
    assert(backend.is_closed(), 'closed through close_async');
});

test('plugin information', () => {
    const registry = RS.Registry.new_for_path(GLib.getenv('RS_PLUGIN_PATH'));
    const info = registry.find_plugin('memory');
    assert(info.get_schemes().includes('memory'), 'schemes');
    assert(info.get_manifest_path().endsWith('memory.plugin'), 'manifest path');
    assert(info.get_module_path().endsWith('rs-memory.so'), 'module path');
    assertEq(registry.get_plugin_path(), GLib.getenv('RS_PLUGIN_PATH'), 'plugin path');
    assert(registry.load_plugin(info) && info.is_loaded(), 'loaded');
    assert(info.get_description() && info.get_version() && info.get_license(), 'descriptor fields');
    assertEq(info.get_load_error(), null, 'no load error');
    assert(info.get_backend_types().length > 0, 'backend types');
    assert(GObject_isA(registry.lookup_backend_type('memory'), RS.Backend), 'a backend type');
});

function GObject_isA(gtype, klass) {
    return imports.gi.GObject.type_is_a(gtype, klass.$gtype);
}

print(`1..${tests.length}`);
let failed = 0;
tests.forEach(([name, func], i) => {
    try {
        func();
        print(`ok ${i + 1} - ${name}`);
    } catch (e) {
        failed += 1;
        print(`not ok ${i + 1} - ${name}`);
        `${e}\n${e.stack || ''}`.split('\n').forEach(line => print(`# ${line}`));
    }
});
System.exit(failed ? 1 : 0);
