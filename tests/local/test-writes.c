/* test-writes.c: atomic writes on disk — nothing half-written, no temps
 *
 * The SIGKILL case runs this program again as a writer child
 * ("--writer-child ROOT"), kills it mid-write and checks the target. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <glib/gstdio.h>

#include "test-local-common.h"

static const char *self_path;

static void
setup (Fixture *f, gconstpointer user_data)
{
  fixture_setup (f, NULL);
}

static void
teardown (Fixture *f, gconstpointer user_data)
{
  fixture_teardown (f);
}

/* The child: an atomic write of "target" that stops half-way, an
 * overwrite, or with @create_only a create-only write. */
static int
writer_child (const char *root,
              gboolean    create_only)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strconcat ("file://", root, NULL);
  g_autoptr(RsStore) store = rs_store_new_for_uri (uri, &error);
  g_autoptr(GOutputStream) out = NULL;
  g_autofree char *chunk = g_malloc0 (1024 * 1024);
  RsWriteFlags flags = create_only ? RS_WRITE_ATOMIC : RS_WRITE_OVERWRITE | RS_WRITE_ATOMIC;

  if (store == NULL)
    return 2;
  out = rs_store_open_write (store, "target", flags, NULL, NULL, &error);
  if (out == NULL || !g_output_stream_write_all (out, chunk, 1024 * 1024, NULL, NULL, &error))
    return 3;
  printf ("ready\n");
  fflush (stdout);
  for (;;)
    pause ();
}

static void
test_sigkill_mid_write (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (f->root, "target", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  const char *argv[] = { self_path, "--writer-child", f->root, NULL };
  GPid pid;
  int out_fd, status;
  char line[16] = { 0 };
  ssize_t n;

  write_file (target, "original");
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  n = read (out_fd, line, sizeof line - 1);
  g_assert_cmpint (n, >, 0);
  g_assert_cmpstr (line, ==, "ready\n");
  /* Half-written: the data sits in a hidden temporary file. */
  g_assert_cmpuint (count_temps (f->root), ==, 1);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  close (out_fd);
  g_spawn_close_pid (pid);

  contents = read_file (target);
  g_assert_cmpstr (contents, ==, "original");
  /* The stale temporary file stays, recognisable by name, never listed. */
  g_assert_cmpuint (count_temps (f->root), ==, 1);
  names = list_names (f->store, "", FALSE);
  g_assert_cmpstr (names, ==, "f target");
}

/* A create-only write killed half-way leaves nothing at all: its bytes
 * were in an anonymous file, which the kernel frees with the process. */
static void
test_sigkill_mid_create (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (f->root, "target", NULL);
  g_autofree char *names = NULL;
  const char *argv[] = { self_path, "--create-child", f->root, NULL };
  g_autoptr(GDir) dir = NULL;
  GPid pid;
  int out_fd, status;
  char line[16] = { 0 };
  ssize_t n;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  n = read (out_fd, line, sizeof line - 1);
  g_assert_cmpint (n, >, 0);
  g_assert_cmpstr (line, ==, "ready\n");
  /* Half-written: nothing in the folder, not even a temporary name. */
  dir = g_dir_open (f->root, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (dir));
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  close (out_fd);
  g_spawn_close_pid (pid);

  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_dir_rewind (dir);
  g_assert_null (g_dir_read_name (dir));
  names = list_names (f->store, "", TRUE);
  g_assert_cmpstr (names, ==, "");
}

/* Create-only writes (and the copies that make new files) show nothing
 * until their commit, carry metadata, and a dropped one leaves neither
 * a file nor the folders it made. */
static void
test_create_only_writes (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->root, "a", "b", NULL);
  g_autofree char *target = g_build_filename (folder, "new", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GHashTable) metadata = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RsFileInfo) info = NULL;
  g_autoptr(RsWriteResult) result = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("copied", 6);
  gboolean with_metadata = rs_store_supports (f->store, RS_CAPABILITY_USER_METADATA);
  GOutputStream *out;

  if (with_metadata)
    g_hash_table_insert (metadata, "colour", "blue");
  for (int flags = RS_WRITE_NONE; flags <= RS_WRITE_ATOMIC; flags += RS_WRITE_ATOMIC)
    {
      out = rs_store_open_write (f->store, "a/b/new", flags, metadata, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_output_stream_write_all (out, "fresh", 5, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count_temps (folder), ==, 0);
      g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
      g_assert_false (rs_store_exists (f->store, "a/b/new", NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_output_stream_close (out, NULL, &error));
      g_assert_no_error (error);
      g_object_unref (out);
      g_free (contents);
      contents = read_file (target);
      g_assert_cmpstr (contents, ==, "fresh");
      g_clear_object (&info);
      info = rs_store_get_file_info (f->store, "a/b/new", NULL, &error);
      g_assert_no_error (error);
      if (with_metadata)
        g_assert_cmpstr (g_hash_table_lookup (rs_fileinfo_get_metadata (info), "colour"), ==, "blue");
      g_assert_true (rs_store_delete (f->store, "a/b/new", RS_DELETE_NONE, NULL, &error));
      g_assert_no_error (error);
    }

  /* A copy makes its file the same way, with the source's metadata, and
   * its write result agrees with the next stat. */
  result = rs_store_write_bytes (f->store, "src", data, RS_WRITE_NONE, metadata, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&info);
  info = rs_store_get_file_info (f->store, "src", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_write_result_get_etag (result), ==, rs_fileinfo_get_etag (info));
  g_assert_true (rs_store_copy (f->store, "src", "a/b/copy", RS_COPY_NONE, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&info);
  info = rs_store_get_file_info (f->store, "a/b/copy", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rs_fileinfo_get_size (info), ==, 6);
  if (with_metadata)
    g_assert_cmpstr (g_hash_table_lookup (rs_fileinfo_get_metadata (info), "colour"), ==, "blue");
  g_assert_false (rs_store_copy (f->store, "src", "a/b/copy", RS_COPY_NONE, NULL, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_ALREADY_EXISTS);
  g_clear_error (&error);
  g_assert_true (rs_store_delete_folder (f->store, "a", RS_DELETE_RECURSIVE, NULL, &error));
  g_assert_no_error (error);

  /* Dropped unclosed: no file, and the folders it made are gone. */
  out = rs_store_open_write (f->store, "a/b/new", RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "partial", 7, NULL, NULL, &error));
  g_object_unref (out);
  g_free (names);
  names = list_names (f->store, "", FALSE);
  g_assert_cmpstr (names, ==, "f src");
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_aborts_leave_nothing (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->root, "dir", NULL);
  g_autofree char *target = g_build_filename (folder, "t", NULL);
  g_autofree char *contents = NULL;
  GOutputStream *out;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  write_file (target, "before");

  /* Dropped unclosed. */
  out = rs_store_open_write (f->store, "dir/t", RS_WRITE_OVERWRITE | RS_WRITE_ATOMIC, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "partial", 7, NULL, NULL, &error));
  g_assert_cmpuint (count_temps (folder), ==, 1);
  g_object_unref (out);
  g_assert_cmpuint (count_temps (folder), ==, 0);

  /* Closed with a cancelled cancellable. */
  out = rs_store_open_write (f->store, "dir/t", RS_WRITE_OVERWRITE | RS_WRITE_ATOMIC, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "partial", 7, NULL, NULL, &error));
  cancel_soon (cancellable);
  g_assert_false (g_output_stream_close (out, cancellable, &error));
  g_clear_error (&error);
  g_object_unref (out);
  g_assert_cmpuint (count_temps (folder), ==, 0);

  /* A create-only write whose target appeared meanwhile. */
  out = rs_store_open_write (f->store, "dir/new", RS_WRITE_ATOMIC, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *racer = g_build_filename (folder, "new", NULL);

    write_file (racer, "racer");
    g_assert_false (g_output_stream_close (out, NULL, &error));
    g_assert_error (error, RS_ERROR, RS_ERROR_ALREADY_EXISTS);
    g_clear_error (&error);
    g_free (contents);
    contents = read_file (racer);
    g_assert_cmpstr (contents, ==, "racer");
  }
  g_object_unref (out);
  g_assert_cmpuint (count_temps (folder), ==, 0);

  g_free (contents);
  contents = read_file (target);
  g_assert_cmpstr (contents, ==, "before");
}

/* Stale temporary files do not keep a folder that looks empty alive. */
static void
test_stale_temps_in_folder (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->root, "d", NULL);
  g_autofree char *stale = g_build_filename (folder, ".rs-tmp-report-0badf00d", NULL);
  g_autofree char *names = NULL;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  write_file (stale, "half");
  names = list_names (f->store, "d", FALSE);
  g_assert_cmpstr (names, ==, "");
  g_assert_true (rs_store_delete_folder (f->store, "d", RS_DELETE_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_user_metadata (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *probe = g_build_filename (f->root, "probe", NULL);
  g_autofree char *path = g_build_filename (f->root, "m", NULL);
  g_autoptr(GHashTable) metadata = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);
  g_autoptr(RsWriteResult) result = NULL;
  gboolean supported;
  char value[32] = { 0 };

  /* USER_METADATA is declared exactly when the file system takes user.*. */
  write_file (probe, "");
  supported = setxattr (probe, "user.probe", "1", 1, 0) == 0;
  g_unlink (probe);
  g_assert_cmpint (rs_store_supports (f->store, RS_CAPABILITY_USER_METADATA), ==, supported);
  if (!supported)
    {
      g_test_skip ("no user extended attributes on this file system");
      return;
    }
  g_hash_table_insert (metadata, "colour", "blue");
  result = rs_store_write_bytes (f->store, "m", data, RS_WRITE_NONE, metadata, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (getxattr (path, "user.colour", value, sizeof value - 1), ==, 4);
  g_assert_cmpstr (value, ==, "blue");
}

static void
test_copy_large (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  gsize size = 3 * 1024 * 1024 + 17;
  g_autofree guint8 *buffer = g_malloc (size);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(RsWriteResult) result = NULL;

  for (gsize i = 0; i < size; i++)
    buffer[i] = (guint8) (i * 7 + (i >> 12));
  data = g_bytes_new (buffer, size);
  result = rs_store_write_bytes (f->store, "big", data, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rs_store_copy (f->store, "big", "sub/copy", RS_COPY_NONE, NULL, &error));
  g_assert_no_error (error);
  back = rs_store_read_bytes (f->store, "sub/copy", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, data));
  g_assert_true (rs_store_move (f->store, "sub/copy", "moved", RS_COPY_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (rs_store_move (f->store, "big", "moved", RS_COPY_NONE, NULL, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_ALREADY_EXISTS);
}

int
main (int argc, char **argv)
{
  if (argc == 3 && strcmp (argv[1], "--writer-child") == 0)
    return writer_child (argv[2], FALSE);
  if (argc == 3 && strcmp (argv[1], "--create-child") == 0)
    return writer_child (argv[2], TRUE);
  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/local/atomic/sigkill-mid-write", Fixture, NULL, setup, test_sigkill_mid_write, teardown);
  g_test_add ("/local/atomic/sigkill-mid-create", Fixture, NULL, setup, test_sigkill_mid_create, teardown);
  g_test_add ("/local/atomic/create-only", Fixture, NULL, setup, test_create_only_writes, teardown);
  g_test_add ("/local/atomic/aborts-leave-nothing", Fixture, NULL, setup, test_aborts_leave_nothing, teardown);
  g_test_add ("/local/atomic/stale-temps-in-folder", Fixture, NULL, setup, test_stale_temps_in_folder,
              teardown);
  g_test_add ("/local/metadata/xattr", Fixture, NULL, setup, test_user_metadata, teardown);
  g_test_add ("/local/copy/large", Fixture, NULL, setup, test_copy_large, teardown);
  return g_test_run ();
}
