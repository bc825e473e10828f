#!/usr/bin/python3
"""RemoteStore through PyGObject: every part of the API a Python program
needs, sync and async, errors, streams, enumerators and cancellation.

Speaks TAP. Runs against the in-tree memory plugin (RS_PLUGIN_PATH and
GI_TYPELIB_PATH come from the build)."""
import itertools
import os
import sys
import traceback

import gi
gi.require_version('RemoteStore', '1.0')
gi.require_version('Gio', '2.0')
from gi.repository import GLib, Gio, RemoteStore  # noqa: E402

RS = RemoteStore
NONE_W = RS.WriteFlags.NONE
_counter = itertools.count()
TESTS = []


def test(func):
    TESTS.append(func)
    return func


def fresh_store():
    """A store on a memory tree no other case sees."""
    return RS.Store.new_for_uri('memory://py-%d' % next(_counter))


def expect_error(domain_code, func, *args):
    """Runs func(*args), which must raise GLib.Error with domain_code."""
    domain, code = domain_code
    try:
        func(*args)
    except GLib.Error as error:
        assert error.matches(domain, code), \
            'expected %s/%d, got %s/%d: %s' % (domain, code, error.domain,
                                                error.code, error.message)
        assert error.message, 'an error message is never empty'
        return error
    raise AssertionError('%s did not fail' % func.__name__)


RS_ERR = RS.error_quark()
NOT_FOUND = (RS_ERR, RS.Error.NOT_FOUND)
ALREADY_EXISTS = (RS_ERR, RS.Error.ALREADY_EXISTS)
INVALID_PATH = (RS_ERR, RS.Error.INVALID_PATH)
CANCELLED = (Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)


def run_async(start, finish):
    """Calls start(callback) and iterates a GLib.MainLoop until the
    callback ran; returns finish(result) or raises its GLib.Error."""
    loop = GLib.MainLoop.new(None, False)
    box = {}

    def done(source, result):
        box['result'] = result
        loop.quit()

    start(done)
    timeout = GLib.timeout_add_seconds(20, loop.quit)
    loop.run()
    GLib.source_remove(timeout) if 'result' in box else None
    assert 'result' in box, 'the async call never completed'
    return finish(box['result'])


def drain(enumerator):
    paths = []
    while True:
        entry = enumerator.next(None)
        if entry is None:
            return sorted(paths)
        paths.append(entry.get_path())


def drain_async(enumerator, batch=2):
    paths = []
    while True:
        entries = run_async(
            lambda cb: enumerator.next_batch_async(batch, GLib.PRIORITY_DEFAULT, None, cb),
            enumerator.next_batch_finish)
        if not entries:
            return sorted(paths)
        assert len(entries) <= batch
        paths.extend(entry.get_path() for entry in entries)


# --- opening stores ---------------------------------------------------------

@test
def open_from_uri():
    store = RS.Store.new_for_uri('memory://py-open/sub')
    assert store.get_root_path() == 'sub', store.get_root_path()
    assert store.get_backend().get_name() == 'memory'
    assert store.supports(RS.Capabilities.READ | RS.Capabilities.WRITE)
    assert store.get_capabilities() & RS.Capabilities.LIST
    same = RS.Store.new_for_uri('memory://py-open')
    store.write_text('a.txt', 'shared', NONE_W, None, None)
    assert same.read_text('sub/a.txt', None, None) == 'shared'


@test
def open_through_registry():
    registry = RS.Registry.get_default()
    names = [info.get_name() for info in registry.list_plugins()]
    assert 'memory' in names, names
    info = registry.find_plugin('memory')
    assert 'memory' in info.get_schemes()
    store = registry.open('memory://py-registry')
    store.write_text('x', 'y', NONE_W, None, None)
    assert store.exists('x', None)

    # A private registry, a backend from string options, a store on it.
    private = RS.Registry.new_for_path(os.environ['RS_PLUGIN_PATH'])
    backend = private.create_backend('memory', {'name': 'py-registry', 'page-size': '1'})
    assert backend.props.page_size == 1
    assert RS.Store.new(backend, '').read_text('x', None, None) == 'y'
    on_backend = RS.Store.new(backend, 'sub')
    on_backend.write_text('z', 'zz', NONE_W, None, None)
    assert store.read_text('sub/z', None, None) == 'zz'


@test
def open_named_store_from_config():
    registry = RS.Registry.new_for_path(os.environ['RS_PLUGIN_PATH'])
    registry.load_config_from_data(
        '[backend cache]\ntype=memory\nname=py-config\n\n'
        '[store scratch]\nbackend=cache\nroot-path=tmp\n', -1)
    assert registry.list_stores() == ['scratch'], registry.list_stores()
    store = registry.open('scratch:reports')
    store.write_text('r.txt', 'report', NONE_W, None, None)
    raw = RS.Store.new_for_uri('memory://py-config')
    assert raw.read_text('tmp/reports/r.txt', None, None) == 'report'
    expect_error((RS_ERR, RS.Error.PLUGIN), RS.Store.new_for_uri, 'nosuchscheme://x')


@test
def addressing():
    store = RS.Store.new_for_uri('memory://py-addr/root')
    plan = store.resolve('a//b/./c.txt')
    assert plan.get_kind() == 'path', plan.get_kind()
    assert plan.get_key() == 'root/a/b/c.txt', plan.get_key()
    assert isinstance(plan.get_details(), dict)
    assert plan.to_string()
    native = store.native_path('a/b')
    assert store.to_key(native) == 'a/b'
    assert store.resolve('../x').get_kind() == 'invalid'
    child = store.child('a')
    assert child.get_root_path() == 'root/a', child.get_root_path()


@test
def value_types():
    policy = RS.RetryPolicy.new()
    policy.set_attempts(5)
    assert policy.copy().get_attempts() == 5
    secret = RS.Secret.new('hunter2')
    assert secret.to_string() == '***'
    assert secret.reveal() == 'hunter2'
    assert not secret.is_empty()


# --- synchronous operations -------------------------------------------------

@test
def sync_write_read_list_move_delete():
    store = fresh_store()
    result = store.write_text('docs/a.txt', 'alpha', NONE_W, {'author': 'py'}, None)
    assert result.get_path() == 'docs/a.txt' and result.get_size() == 5
    assert result.get_metadata() == {'author': 'py'}
    store.write_bytes('docs/b.bin', GLib.Bytes.new(b'\x00\x01\x02'), NONE_W, None, None)
    content = Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(b'streamed'))
    store.write('docs/deep/c.txt', content, NONE_W, None, None)

    assert store.read_text('docs/a.txt', None, None) == 'alpha'
    assert store.read_bytes('docs/b.bin', None).get_data() == b'\x00\x01\x02'
    assert store.read_range('docs/deep/c.txt', 2, 3, None).get_data() == b'rea'
    assert store.exists('docs', None) and store.is_folder('docs', None)
    assert store.is_file('docs/a.txt', None) and not store.is_file('docs', None)

    info = store.get_file_info('docs/a.txt', None)
    assert isinstance(info, RS.FileInfo)
    assert info.get_size() == 5 and info.get_name() == 'a.txt'
    assert info.get_metadata() == {'author': 'py'}
    assert info.get_modified() is not None
    head = store.head('docs/a.txt', None)
    assert head.get_source() == RS.ResultSource.SIDECAR
    folder = store.get_folder_info('docs', -1, None)
    assert (folder.get_file_count(), folder.get_total_size()) == (3, 16)

    assert drain(store.list_files('docs', RS.ListFlags.NONE, None, -1, None)) == \
        ['docs/a.txt', 'docs/b.bin']
    assert drain(store.list_files('', RS.ListFlags.RECURSIVE, '*.txt', -1, None)) == \
        ['docs/a.txt', 'docs/deep/c.txt']
    assert drain(store.list_folders('docs', None, -1, None)) == ['docs/deep']
    children = store.iter_children('docs', None)
    kinds = {}
    for entry in iter(lambda: children.next(None), None):
        kinds[entry.get_name()] = type(entry).__name__
    assert kinds == {'a.txt': 'FileInfo', 'b.bin': 'FileInfo', 'deep': 'FolderEntry'}, kinds
    assert drain(store.glob('**/*.txt', None)) == ['docs/a.txt', 'docs/deep/c.txt']

    store.copy('docs/a.txt', 'copy.txt', RS.CopyFlags.NONE, None)
    store.move('docs/b.bin', 'moved.bin', RS.CopyFlags.NONE, None)
    assert not store.exists('docs/b.bin', None)
    assert store.get_file_info('copy.txt', None).get_metadata() == {'author': 'py'}
    store.delete('moved.bin', RS.DeleteFlags.NONE, None)
    store.delete('moved.bin', RS.DeleteFlags.MISSING_OK, None)
    store.delete_folder('docs', RS.DeleteFlags.RECURSIVE, None)
    assert drain(store.list_files('', RS.ListFlags.RECURSIVE, None, -1, None)) == ['copy.txt']
    store.ping(None)


# --- the same through _async + GLib.MainLoop --------------------------------

@test
def async_write_read_list_move_delete():
    store = fresh_store()
    P = GLib.PRIORITY_DEFAULT
    result = run_async(lambda cb: store.write_text_async('a/x.txt', 'hello', NONE_W, {'k': 'v'},
                                                         P, None, cb),
                       store.write_text_finish)
    assert result.get_size() == 5 and result.get_metadata() == {'k': 'v'}
    run_async(lambda cb: store.write_bytes_async('a/y.bin', GLib.Bytes.new(b'12345678'), NONE_W,
                                                 None, P, None, cb),
              store.write_bytes_finish)
    stream = Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(b'via stream'))
    run_async(lambda cb: store.write_async('a/b/z.txt', stream, NONE_W, None, P, None, cb),
              store.write_finish)

    assert run_async(lambda cb: store.read_text_async('a/x.txt', None, P, None, cb),
                     store.read_text_finish) == 'hello'
    assert run_async(lambda cb: store.read_bytes_async('a/y.bin', P, None, cb),
                     store.read_bytes_finish).get_data() == b'12345678'
    assert run_async(lambda cb: store.read_range_async('a/y.bin', 6, 10, P, None, cb),
                     store.read_range_finish).get_data() == b'78'
    assert run_async(lambda cb: store.exists_async('a', P, None, cb), store.exists_finish)
    assert run_async(lambda cb: store.is_file_async('a/x.txt', P, None, cb), store.is_file_finish)
    assert run_async(lambda cb: store.is_folder_async('a/b', P, None, cb), store.is_folder_finish)
    info = run_async(lambda cb: store.get_file_info_async('a/x.txt', P, None, cb),
                     store.get_file_info_finish)
    assert info.get_metadata() == {'k': 'v'}
    folder = run_async(lambda cb: store.get_folder_info_async('a', -1, P, None, cb),
                       store.get_folder_info_finish)
    assert folder.get_file_count() == 3
    assert run_async(lambda cb: store.head_async('a/x.txt', P, None, cb),
                     store.head_finish).get_size() == 5

    listing = run_async(lambda cb: store.list_files_async('a', RS.ListFlags.RECURSIVE, None, -1,
                                                          P, None, cb),
                        store.list_files_finish)
    assert drain_async(listing) == ['a/b/z.txt', 'a/x.txt', 'a/y.bin']
    folders = run_async(lambda cb: store.list_folders_async('a', None, -1, P, None, cb),
                        store.list_folders_finish)
    assert drain_async(folders) == ['a/b']
    children = run_async(lambda cb: store.iter_children_async('a', P, None, cb),
                         store.iter_children_finish)
    assert drain_async(children, 1) == ['a/b', 'a/x.txt', 'a/y.bin']
    hits = run_async(lambda cb: store.glob_async('**/*.txt', P, None, cb), store.glob_finish)
    assert drain_async(hits) == ['a/b/z.txt', 'a/x.txt']

    run_async(lambda cb: store.copy_async('a/x.txt', 'c.txt', RS.CopyFlags.NONE, P, None, cb),
              store.copy_finish)
    run_async(lambda cb: store.move_async('a/y.bin', 'm.bin', RS.CopyFlags.NONE, P, None, cb),
              store.move_finish)
    run_async(lambda cb: store.delete_async('m.bin', RS.DeleteFlags.NONE, P, None, cb),
              store.delete_finish)
    run_async(lambda cb: store.delete_folder_async('a', RS.DeleteFlags.RECURSIVE, P, None, cb),
              store.delete_folder_finish)
    run_async(lambda cb: store.ping_async(P, None, cb), store.ping_finish)
    assert drain(store.list_files('', RS.ListFlags.RECURSIVE, None, -1, None)) == ['c.txt']
    stream = run_async(lambda cb: store.read_async('c.txt', P, None, cb), store.read_finish)
    assert stream.read_bytes(100, None).get_data() == b'hello'


# --- errors -----------------------------------------------------------------

@test
def errors_are_glib_errors_with_codes():
    store = fresh_store()
    store.write_text('f.txt', 'x', NONE_W, None, None)
    store.write_text('dir/g.txt', 'x', NONE_W, None, None)
    error = expect_error(NOT_FOUND, store.read_bytes, 'missing.txt', None)
    assert 'missing.txt' in error.message, error.message
    expect_error(ALREADY_EXISTS, store.write_text, 'f.txt', 'y', NONE_W, None, None)
    expect_error(INVALID_PATH, store.read_bytes, '../escape', None)
    expect_error(INVALID_PATH, store.write_text, '', 'y', NONE_W, None, None)
    expect_error(INVALID_PATH, store.delete, 'dir', RS.DeleteFlags.MISSING_OK, None)
    expect_error((RS_ERR, RS.Error.DIRECTORY_NOT_EMPTY), store.delete_folder, 'dir',
                 RS.DeleteFlags.NONE, None)
    expect_error((RS_ERR, RS.Error.INVALID_ARGUMENT), store.write_text, 'm.txt', 'y', NONE_W,
                 {'_private': 'no'}, None)
    expect_error((RS_ERR, RS.Error.INVALID_ARGUMENT), store.list_files, '',
                 RS.ListFlags.NONE, None, -5, None)
    expect_error(NOT_FOUND, store.move, 'nothing', 'to', RS.CopyFlags.NONE, None)
    # Errors found before any I/O still arrive through the callback, from
    # the caller's main context, never from inside the _async call.
    called = []
    store.read_bytes_async('../x', GLib.PRIORITY_DEFAULT, None, lambda *args: called.append(args))
    assert not called, 'the callback ran inside the _async call'
    context = GLib.MainContext.default()
    while not called:
        context.iteration(True)
    expect_error(INVALID_PATH, store.read_bytes_finish, called[0][1])
    # The same codes come through _finish.
    expect_error(NOT_FOUND, run_async,
                 lambda cb: store.read_text_async('nope', None, GLib.PRIORITY_DEFAULT, None, cb),
                 store.read_text_finish)
    expect_error(ALREADY_EXISTS, run_async,
                 lambda cb: store.write_text_async('f.txt', 'z', NONE_W, None,
                                                   GLib.PRIORITY_DEFAULT, None, cb),
                 store.write_text_finish)


@test
def capability_gate_and_closed_backend():
    registry = RS.Registry.new_for_path(os.environ['RS_PLUGIN_PATH'])
    backend = registry.create_backend('memory', None)
    backend.set_capabilities(RS.Capabilities(backend.get_capabilities() & ~RS.Capabilities.WRITE))
    store = RS.Store.new(backend, '')
    assert not store.supports(RS.Capabilities.WRITE)
    error = expect_error((RS_ERR, RS.Error.CAPABILITY_NOT_SUPPORTED), store.write_text, 'a',
                         'b', NONE_W, None, None)
    assert 'write' in error.message.lower(), error.message
    store.close(None)
    assert backend.is_closed()
    expect_error((RS_ERR, RS.Error.BACKEND_UNAVAILABLE), store.exists, 'a', None)


# --- streams ----------------------------------------------------------------

@test
def read_stream_is_a_gio_input_stream():
    store = fresh_store()
    payload = bytes(range(256)) * 40
    store.write_bytes('big.bin', GLib.Bytes.new(payload), NONE_W, None, None)
    stream = store.read('big.bin', None)
    assert isinstance(stream, Gio.InputStream)
    chunks = []
    while True:
        chunk = stream.read_bytes(1000, None)
        assert chunk.get_size() <= 1000
        if chunk.get_size() == 0:
            break
        chunks.append(chunk.get_data())
    assert b''.join(chunks) == payload
    stream.close(None)
    stream.close(None)  # idempotent

    stream = store.read('big.bin', None)
    if store.supports(RS.Capabilities.SEEKABLE_READ):
        assert isinstance(stream, Gio.Seekable) and stream.can_seek()
        stream.seek(10000, GLib.SeekType.SET, None)
        assert stream.tell() == 10000
    chunk = run_async(lambda cb: stream.read_bytes_async(240, GLib.PRIORITY_DEFAULT, None, cb),
                      stream.read_bytes_finish)
    assert chunk.get_data() == payload[10000:10240]
    run_async(lambda cb: stream.close_async(GLib.PRIORITY_DEFAULT, None, cb), stream.close_finish)


@test
def open_write_commit_and_abort():
    store = fresh_store()
    out = store.open_write('out/committed.txt', RS.WriteFlags.ATOMIC, {'via': 'stream'}, None)
    assert isinstance(out, Gio.OutputStream)
    out.write_all(b'part one, ', None)
    out.write_bytes(GLib.Bytes.new(b'part two'), None)
    assert not store.exists('out/committed.txt', None), 'visible before the commit'
    out.close(None)
    assert store.read_text('out/committed.txt', None, None) == 'part one, part two'
    assert store.get_file_info('out/committed.txt', None).get_metadata() == {'via': 'stream'}

    # Aborted by a close with a cancelled cancellable.
    out = store.open_write('out/aborted.txt', RS.WriteFlags.ATOMIC, None, None)
    out.write_all(b'never seen', None)
    cancellable = Gio.Cancellable.new()
    cancellable.cancel()
    expect_error(CANCELLED, out.close, cancellable)
    assert not store.exists('out/aborted.txt', None)

    # Aborted by dropping the last reference unclosed.
    out = store.open_write('out/dropped.txt', RS.WriteFlags.NONE, None, None)
    out.write_all(b'dropped', None)
    del out
    import gc
    gc.collect()
    assert not store.exists('out/dropped.txt', None)
    assert drain(store.list_files('', RS.ListFlags.RECURSIVE, None, -1, None)) == \
        ['out/committed.txt']

    # The async form.
    out = run_async(lambda cb: store.open_write_async('out/async.txt', NONE_W, None,
                                                      GLib.PRIORITY_DEFAULT, None, cb),
                    store.open_write_finish)
    run_async(lambda cb: out.write_bytes_async(GLib.Bytes.new(b'async'), GLib.PRIORITY_DEFAULT,
                                               None, cb), out.write_bytes_finish)
    run_async(lambda cb: out.close_async(GLib.PRIORITY_DEFAULT, None, cb), out.close_finish)
    assert store.read_text('out/async.txt', None, None) == 'async'


# --- enumerators and cancellation -------------------------------------------

@test
def enumerator_drained_and_closed():
    store = RS.Store.new_for_uri('memory://py-enum-%d?page-size=3' % next(_counter))
    expected = []
    for i in range(10):
        path = 'many/f%02d.txt' % i
        store.write_text(path, str(i), NONE_W, None, None)
        expected.append(path)
    enumerator = store.list_files('many', RS.ListFlags.NONE, None, -1, None)
    assert enumerator.get_store() is not None
    assert drain(enumerator) == expected
    assert enumerator.next(None) is None  # stays at its end
    enumerator.close(None)
    assert enumerator.is_closed()
    half = store.list_files('many', RS.ListFlags.NONE, None, -1, None)
    assert half.next(None) is not None
    half.close(None)  # closing early is fine
    assert drain_async(store.list_files('many', RS.ListFlags.NONE, None, -1, None), 4) == expected


@test
def cancellation_through_gio_cancellable():
    # Mutations check the cancellable before their commit point, on every
    # backend: nothing of a cancelled write is visible.
    store = fresh_store()
    cancellable = Gio.Cancellable.new()
    cancellable.cancel()
    expect_error(CANCELLED, store.write_text, 'b.txt', 'b', NONE_W, None, cancellable)
    expect_error(CANCELLED, run_async,
                 lambda cb: store.write_bytes_async('c.txt', GLib.Bytes.new(b'c'), NONE_W, None,
                                                    GLib.PRIORITY_DEFAULT, cancellable, cb),
                 store.write_bytes_finish)
    assert not store.exists('b.txt', None) and not store.exists('c.txt', None)

    # asyncmem (a test plugin) does its I/O on its own thread, so reads,
    # stats and listings are real pending operations there.
    remote = RS.Store.new_for_uri('asyncmem://')
    remote.write_text('a.txt', 'a', NONE_W, None, None)
    expect_error(CANCELLED, remote.read_bytes, 'a.txt', cancellable)
    expect_error(CANCELLED, remote.get_file_info, 'a.txt', cancellable)
    expect_error(CANCELLED, run_async,
                 lambda cb: remote.read_text_async('a.txt', None, GLib.PRIORITY_DEFAULT,
                                                   cancellable, cb),
                 remote.read_text_finish)
    expect_error(CANCELLED, run_async,
                 lambda cb: remote.delete_async('a.txt', RS.DeleteFlags.NONE,
                                                GLib.PRIORITY_DEFAULT, cancellable, cb),
                 remote.delete_finish)
    assert remote.exists('a.txt', None)

    # Cancelled while pending: cancel() fires from the running loop before
    # the slow backend runs the operation.
    slow = RS.Store.new_for_uri('asyncmem://?latency-ms=100')
    live = Gio.Cancellable.new()
    loop_started = []

    def cancel_soon():
        loop_started.append(True)
        live.cancel()
        return False

    GLib.idle_add(cancel_soon)
    expect_error(CANCELLED, run_async,
                 lambda cb: slow.get_file_info_async('a.txt', GLib.PRIORITY_DEFAULT,
                                                     live, cb),
                 slow.get_file_info_finish)
    assert loop_started


@test
def value_objects_and_backend_facts():
    modified = GLib.DateTime.new_utc(2024, 5, 6, 7, 8, 9)
    info = RS.FileInfo.new('a/b.txt', 12)
    info.set_modified(modified)
    info.set_content_type('text/plain')
    info.set_etag('"e1"')
    info.set_digest('sha256:00')
    info.set_metadata({'k': 'v'})
    assert (info.get_path(), info.get_name(), info.get_size()) == ('a/b.txt', 'b.txt', 12)
    assert info.get_modified().equal(modified)
    assert (info.get_content_type(), info.get_etag(), info.get_digest()) == \
        ('text/plain', '"e1"', 'sha256:00')
    assert info.get_metadata() == {'k': 'v'}
    assert RS.FolderEntry.new('a/sub').get_name() == 'sub'
    folder = RS.FolderInfo.new('a', 3, 30, modified)
    assert (folder.get_path(), folder.get_file_count(), folder.get_total_size()) == ('a', 3, 30)
    assert folder.get_modified().equal(modified)

    result = RS.WriteResult.new('a/b.txt', 12, RS.ResultSource.NATIVE)
    result.set_etag('"e2"')
    result.set_version_id('v1')
    result.set_last_modified(modified)
    result.set_digest('md5:11')
    result.set_metadata({'x': 'y'})
    assert (result.get_etag(), result.get_version_id(), result.get_digest()) == \
        ('"e2"', 'v1', 'md5:11')
    assert result.get_last_modified().equal(modified) and result.get_metadata() == {'x': 'y'}
    assert result.get_source() == RS.ResultSource.NATIVE

    policy = RS.RetryPolicy.new()
    policy.set_base_delay_ms(10)
    policy.set_max_delay_ms(50)
    policy.set_jitter(0.0)
    policy.set_deadline_ms(1000)
    assert (policy.get_base_delay_ms(), policy.get_max_delay_ms(), policy.get_jitter(),
            policy.get_deadline_ms()) == (10, 50, 0.0, 1000)
    delays = [policy.get_delay_ms(n) for n in range(1, 6)]
    assert delays == sorted(delays) and max(delays) <= 50, delays

    store = RS.Store.new_for_uri('memory://py-facts?retry-attempts=7')
    backend = store.get_backend()
    assert backend.get_location() == 'memory://py-facts'
    assert backend.get_retry_policy().get_attempts() == 7
    assert not backend.get_reject_write_under_file_ancestor()
    assert backend.get_facts() & RS.BackendFacts.TERMINAL_CLOSE
    plan = store.resolve('x/y')
    assert plan.get_native_path() == store.native_path('x/y')
    assert plan.get_backend() == 'memory'

    # A backend made here, with facts and a location set before use.
    registry = RS.Registry.new_for_path(os.environ['RS_PLUGIN_PATH'])
    assert registry.get_plugin_path() == os.environ['RS_PLUGIN_PATH']
    fresh = registry.create_backend('memory', None)
    fresh.set_location('memory://renamed')
    fresh.set_facts(RS.BackendFacts(fresh.get_facts() & ~RS.BackendFacts.TERMINAL_CLOSE))
    renamed = RS.Store.new(fresh, '')
    error = expect_error(NOT_FOUND, renamed.read_bytes, 'gone', None)
    assert 'memory://renamed' in error.message, error.message
    run_async(lambda cb: renamed.close_async(GLib.PRIORITY_DEFAULT, None, cb), renamed.close_finish)
    assert not renamed.exists('gone', None)  # close is not terminal any more


@test
def config_file_and_error_quark():
    path = os.path.join(GLib.get_tmp_dir(), 'rs-py-%d-%d.conf' % (os.getpid(), next(_counter)))
    with open(path, 'w') as f:
        f.write('[backend b]\ntype=memory\nname=py-file-config\n[store s]\nbackend=b\n')
    try:
        registry = RS.Registry.new_for_path(os.environ['RS_PLUGIN_PATH'])
        registry.load_config(path)
        registry.open('s:').write_text('f', 'from a file', NONE_W, None, None)
    finally:
        os.unlink(path)
    assert RS.Store.new_for_uri('memory://py-file-config').read_text('f', None, None) == \
        'from a file'
    assert RS.Error.quark() == RS.error_quark()
    expect_error((RS.Error.quark(), RS.Error.INVALID_ARGUMENT), registry.open, 'nosuch:x')


@test
def plugin_info():
    registry = RS.Registry.new_for_path(os.environ['RS_PLUGIN_PATH'])
    info = registry.find_plugin('memory')
    assert info.get_description() and info.get_manifest_path().endswith('memory.plugin')
    assert registry.load_plugin(info)
    assert info.is_loaded() and info.get_load_error() is None
    assert info.get_version() and info.get_license()
    assert info.get_module_path().endswith('rs-memory.so'), info.get_module_path()
    types = info.get_backend_types()
    assert any(GObjectType_name(t) for t in types), types
    gtype = registry.lookup_backend_type('memory')
    assert gtype.is_a(RS.Backend)


def GObjectType_name(gtype):
    return gtype.name if hasattr(gtype, 'name') else str(gtype)


def main():
    print('1..%d' % len(TESTS))
    failed = 0
    for number, case in enumerate(TESTS, 1):
        try:
            case()
            print('ok %d - %s' % (number, case.__name__))
        except Exception:  # a failed case must not hide the others
            failed += 1
            print('not ok %d - %s' % (number, case.__name__))
            for line in traceback.format_exc().splitlines():
                print('# ' + line)
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
