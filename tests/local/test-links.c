/* test-links.c: no operation follows a link out of the store root
 *
 * Each case runs with the openat2 resolver (links inside the root are
 * followed) and with the O_NOFOLLOW walk (every link is refused). */
#include <errno.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "test-local-common.h"

static void
setup_beneath (Fixture *f, gconstpointer user_data)
{
  fixture_setup (f, "resolve=beneath");
}

static void
setup_walk (Fixture *f, gconstpointer user_data)
{
  fixture_setup (f, "resolve=walk");
}

static void
teardown (Fixture *f, gconstpointer user_data)
{
  fixture_teardown (f);
}

static void
make_link (Fixture *f, const char *target, const char *name)
{
  g_autofree char *path = g_build_filename (f->root, name, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

/* Every way of reaching through @link to the real file @inside fails. */
static void
assert_not_reachable (Fixture *f, const char *through)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean exists;

  exists = rs_store_exists (f->store, through, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (exists);
  bytes = rs_store_read_bytes (f->store, through, NULL, &error);
  g_assert_null (bytes);
  g_assert_true (g_error_matches (error, RS_ERROR, RS_ERROR_NOT_FOUND) ||
                 g_error_matches (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED));
  g_clear_error (&error);
}

static void
test_link_to_etc (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = NULL;
  g_autofree char *names = NULL;
  g_autofree char *victim = g_strdup_printf ("/etc/rs-local-test-%d", (int) getpid ());

  make_link (f, "/etc", "etc");
  assert_not_reachable (f, "etc/passwd");
  assert_not_reachable (f, "etc/hostname");
  assert_not_reachable (f, "etc");
  names = list_names (f->store, "", FALSE);
  g_assert_cmpstr (names, ==, "");
  g_free (names);
  names = list_names (f->store, "etc", TRUE);
  g_assert_cmpstr (names, ==, "");

  /* A write under the link must not land in /etc. */
  {
    g_autofree char *key = g_path_get_basename (victim);
    g_autofree char *path = g_strconcat ("etc/", key, NULL);
    g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);

    result = rs_store_write_bytes (f->store, path, data, RS_WRITE_OVERWRITE, NULL, NULL, &error);
    g_assert_null (result);
    g_assert_error (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED);
    g_assert_false (g_file_test (victim, G_FILE_TEST_EXISTS));
    g_unlink (victim);
  }
}

static void
test_link_to_sibling (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = g_build_filename (f->outside, "secret.txt", NULL);
  g_autofree char *link_path = g_build_filename (f->root, "out", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("new", 3);
  g_autoptr(RsWriteResult) result = NULL;
  g_autofree char *nested = g_build_filename (f->root, "d", NULL);

  write_file (secret, "secret");
  make_link (f, "../outside", "out");
  make_link (f, f->outside, "abs");
  assert_not_reachable (f, "out/secret.txt");
  assert_not_reachable (f, "abs/secret.txt");

  result = rs_store_write_bytes (f->store, "out/new", data, RS_WRITE_OVERWRITE, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (rs_store_delete (f->store, "out/secret.txt", RS_DELETE_NONE, NULL, &error));
  g_clear_error (&error);
  g_assert_false (rs_store_move (f->store, "out/secret.txt", "stolen", RS_COPY_NONE, NULL, &error));
  g_clear_error (&error);
  g_assert_false (rs_store_copy (f->store, "abs/secret.txt", "stolen", RS_COPY_NONE, NULL, &error));
  g_clear_error (&error);
  g_assert_false (rs_store_delete_folder (f->store, "out", RS_DELETE_RECURSIVE, NULL, &error));
  g_clear_error (&error);

  /* Deleting a folder that holds a link removes the link, not its target. */
  g_assert_cmpint (g_mkdir (nested, 0755), ==, 0);
  make_link (f, "../../outside", "d/link");
  g_assert_true (rs_store_delete_folder (f->store, "d", RS_DELETE_RECURSIVE, NULL, &error));
  g_assert_no_error (error);

  /* An overwrite of the link's own name replaces the link itself. */
  g_clear_object (&result);
  result = rs_store_write_bytes (f->store, "out", data, RS_WRITE_OVERWRITE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));

  contents = read_file (secret);
  g_assert_cmpstr (contents, ==, "secret");
  g_assert_false (g_file_test (nested, G_FILE_TEST_EXISTS));
  {
    g_autofree char *stolen = g_build_filename (f->root, "stolen", NULL);
    g_autofree char *planted = g_build_filename (f->outside, "new", NULL);

    g_assert_false (g_file_test (stolen, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (planted, G_FILE_TEST_EXISTS));
  }
}

static void
test_link_chains (Fixture *f, gconstpointer user_data)
{
  gboolean walk = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *real = g_build_filename (f->root, "real", NULL);
  g_autofree char *inner = g_build_filename (f->root, "real", "f", NULL);
  g_autofree char *secret = g_build_filename (f->outside, "secret.txt", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *names = NULL;

  write_file (secret, "secret");
  /* a → b → c → ../outside: the last hop leaves the root. */
  make_link (f, "b", "a");
  make_link (f, "c", "b");
  make_link (f, "../outside", "c");
  assert_not_reachable (f, "a/secret.txt");
  /* x → y → real, all inside. */
  g_assert_cmpint (g_mkdir (real, 0755), ==, 0);
  write_file (inner, "inner");
  make_link (f, "y", "x");
  make_link (f, "real", "y");

  bytes = rs_store_read_bytes (f->store, "x/f", NULL, &error);
  names = list_names (f->store, "", FALSE);
  if (walk)
    {
      /* The walk refuses every link. */
      g_assert_null (bytes);
      g_assert_error (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED);
      g_assert_cmpstr (names, ==, "d real");
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "inner", 5);
      g_assert_cmpstr (names, ==, "d real,d x,d y");
    }
  g_free (names);
  /* A recursive listing does not descend into links to folders. */
  names = list_names (f->store, "", TRUE);
  g_assert_cmpstr (names, ==, walk ? "d real,f real/f" : "d real,d x,d y,f real/f");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/local/links/beneath/etc", Fixture, NULL, setup_beneath, test_link_to_etc, teardown);
  g_test_add ("/local/links/walk/etc", Fixture, NULL, setup_walk, test_link_to_etc, teardown);
  g_test_add ("/local/links/beneath/sibling", Fixture, NULL, setup_beneath, test_link_to_sibling, teardown);
  g_test_add ("/local/links/walk/sibling", Fixture, NULL, setup_walk, test_link_to_sibling, teardown);
  g_test_add ("/local/links/beneath/chains", Fixture, GINT_TO_POINTER (FALSE), setup_beneath,
              test_link_chains, teardown);
  g_test_add ("/local/links/walk/chains", Fixture, GINT_TO_POINTER (TRUE), setup_walk,
              test_link_chains, teardown);
  return g_test_run ();
}
