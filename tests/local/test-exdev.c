/* test-exdev.c: a move between two file systems inside one store root
 *
 * rename() fails with EXDEV across file systems; the plugin then copies
 * (never leaving a partial destination) and deletes the source. For a
 * real second file system the program mounts a tmpfs at ROOT/mnt inside
 * a mount namespace of its own, made before any thread starts: the
 * mount is visible to this process only and goes away with it, however
 * it ends. Without the privilege for that (not root, or a container
 * that forbids it) the cases skip and say why. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "test-local-common.h"

static const char *no_namespace;   /* why the cases skip, or NULL */

static void
setup (Fixture *f, gconstpointer user_data)
{
  g_autofree char *mnt = NULL;

  fixture_setup (f, NULL);
  if (no_namespace != NULL)
    return;
  mnt = g_build_filename (f->root, "mnt", NULL);
  g_assert_cmpint (g_mkdir (mnt, 0755), ==, 0);
  g_assert_cmpint (mount ("rs-test", mnt, "tmpfs", MS_NOSUID | MS_NODEV, "size=16m"), ==, 0);
}

static void
teardown (Fixture *f, gconstpointer user_data)
{
  g_autofree char *mnt = g_build_filename (f->root, "mnt", NULL);

  g_clear_object (&f->store);
  if (no_namespace == NULL)
    g_assert_cmpint (umount2 (mnt, MNT_DETACH), ==, 0);
  fixture_teardown (f);
}

static gboolean
skipped (void)
{
  if (no_namespace != NULL)
    g_test_skip (no_namespace);
  return no_namespace != NULL;
}

static GBytes *
pattern (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 31 + (i >> 10));
  return g_bytes_new_take (data, size);
}

static dev_t
device_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_dev;
}

static void
check_content (RsStore    *store,
               const char *key,
               GBytes     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) back = rs_store_read_bytes (store, key, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, expected));
}

/* There and back again, several chunks' worth, with the metadata. */
static void
test_move_across (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = pattern (3 * 1024 * 1024 + 5);
  g_autoptr(GHashTable) metadata = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RsWriteResult) result = NULL;
  g_autoptr(RsFileInfo) info = NULL;
  g_autofree char *mnt = g_build_filename (f->root, "mnt", NULL);
  g_autofree char *deep = g_build_filename (mnt, "sub", NULL);
  gboolean with_metadata;

  if (skipped ())
    return;
  g_assert_cmpuint (device_of (f->root), !=, device_of (mnt));
  with_metadata = rs_store_supports (f->store, RS_CAPABILITY_USER_METADATA);
  if (with_metadata)
    g_hash_table_insert (metadata, "colour", "blue");
  result = rs_store_write_bytes (f->store, "here.bin", data, RS_WRITE_NONE, metadata, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (rs_store_move (f->store, "here.bin", "mnt/sub/there.bin", RS_COPY_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (rs_store_exists (f->store, "here.bin", NULL, &error));
  g_assert_no_error (error);
  check_content (f->store, "mnt/sub/there.bin", data);
  g_assert_cmpuint (device_of (deep), ==, device_of (mnt));
  info = rs_store_get_file_info (f->store, "mnt/sub/there.bin", NULL, &error);
  g_assert_no_error (error);
  if (with_metadata)
    g_assert_cmpstr (g_hash_table_lookup (rs_fileinfo_get_metadata (info), "colour"), ==, "blue");
  g_assert_cmpuint (count_temps (deep), ==, 0);

  g_assert_true (rs_store_move (f->store, "mnt/sub/there.bin", "back/here.bin", RS_COPY_NONE, NULL,
                                &error));
  g_assert_no_error (error);
  check_content (f->store, "back/here.bin", data);
  g_assert_false (rs_store_exists (f->store, "mnt/sub/there.bin", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_temps (deep), ==, 0);
  g_assert_cmpuint (count_temps (f->root), ==, 0);
}

/* Rule 8 still holds across: an existing file stays without OVERWRITE
 * (and the source with it), and is replaced with it. */
static void
test_move_across_existing (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = pattern (1000);
  g_autoptr(GBytes) second = g_bytes_new_static ("second", 6);
  g_autoptr(RsWriteResult) a = NULL;
  g_autoptr(RsWriteResult) b = NULL;
  g_autofree char *mnt = g_build_filename (f->root, "mnt", NULL);

  if (skipped ())
    return;
  a = rs_store_write_bytes (f->store, "src", first, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  b = rs_store_write_bytes (f->store, "mnt/dst", second, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (rs_store_move (f->store, "src", "mnt/dst", RS_COPY_NONE, NULL, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_ALREADY_EXISTS);
  g_clear_error (&error);
  check_content (f->store, "src", first);
  check_content (f->store, "mnt/dst", second);

  g_assert_true (rs_store_move (f->store, "src", "mnt/dst", RS_COPY_OVERWRITE, NULL, &error));
  g_assert_no_error (error);
  check_content (f->store, "mnt/dst", first);
  g_assert_false (rs_store_exists (f->store, "src", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_temps (mnt), ==, 0);
  g_assert_cmpuint (count_temps (f->root), ==, 0);
}

/* A private mount namespace, so that the tmpfs is this process's alone;
 * must run before any thread exists. */
static void
enter_mount_namespace (void)
{
  static char reason[256];

  if (unshare (CLONE_NEWNS) < 0)
    {
      g_snprintf (reason, sizeof reason,
                  "no mount namespace for a second file system (unshare: %s)", g_strerror (errno));
      no_namespace = reason;
      return;
    }
  /* Nothing mounted here propagates back to the parent namespace. */
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
    {
      g_snprintf (reason, sizeof reason, "cannot make mounts private (%s)", g_strerror (errno));
      no_namespace = reason;
    }
}

int
main (int argc, char **argv)
{
  enter_mount_namespace ();
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/local/exdev/move-across", Fixture, NULL, setup, test_move_across, teardown);
  g_test_add ("/local/exdev/move-across-existing", Fixture, NULL, setup, test_move_across_existing,
              teardown);
  return g_test_run ();
}
