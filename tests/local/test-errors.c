/* test-errors.c: errno → RsError mapping, with the path in the message;
 * temporary names; etags */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "rs-local-fs.h"
#include "rs-local-info.h"

static void
test_mapping (void)
{
  static const struct { int errno_value; int code; } table[] = {
    { ENOENT, RS_ERROR_NOT_FOUND },
    { ENOTDIR, RS_ERROR_NOT_FOUND },
    { EEXIST, RS_ERROR_ALREADY_EXISTS },
    { ENOTEMPTY, RS_ERROR_DIRECTORY_NOT_EMPTY },
    { EACCES, RS_ERROR_PERMISSION_DENIED },
    { EPERM, RS_ERROR_PERMISSION_DENIED },
    { EROFS, RS_ERROR_PERMISSION_DENIED },
    { EXDEV, RS_ERROR_PERMISSION_DENIED },
    { ELOOP, RS_ERROR_PERMISSION_DENIED },
    { EISDIR, RS_ERROR_INVALID_PATH },
    { ENAMETOOLONG, RS_ERROR_INVALID_PATH },
    { EBUSY, RS_ERROR_RESOURCE_LOCKED },
    { ETIMEDOUT, RS_ERROR_TIMED_OUT },
    { ENOSPC, RS_ERROR_FAILED },
    { EDQUOT, RS_ERROR_FAILED },
    { EIO, RS_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (rs_local_error_code (table[i].errno_value), ==, table[i].code);
      g_assert_false (rs_local_fail (&error, table[i].errno_value, "a/b.txt", "Cannot open “%s”",
                                     "a/b.txt"));
      g_assert_error (error, RS_ERROR, table[i].code);
      g_assert_nonnull (strstr (error->message, "a/b.txt"));
    }
}

static void
test_temp_names (void)
{
  g_autofree char *long_name = g_strnfill (255, 'n');
  g_autofree char *temp = rs_local_temp_name (long_name);
  g_autofree char *plain = rs_local_temp_name ("report.pdf");

  g_assert_true (rs_local_is_temp_name (temp));
  g_assert_cmpuint (strlen (temp), <=, 255);
  g_assert_true (g_str_has_prefix (plain, ".rs-tmp-report.pdf-"));
  g_assert_false (rs_local_is_temp_name ("report.pdf"));
}

/* The hand-written hex equals printf's, at the edges too. */
static void
test_etags (void)
{
  static const guint64 values[] = { 0, 1, 0xf, 0x10, 0x1234abcd, G_MAXINT64, G_MAXUINT64 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    for (guint j = 0; j < G_N_ELEMENTS (values); j++)
      {
        struct stat st = { 0 };
        guint64 ns;
        g_autofree char *etag = NULL;
        g_autofree char *expected = NULL;

        st.st_ino = (ino_t) values[i];
        st.st_size = (off_t) (values[j] & G_MAXINT64);
        st.st_mtim.tv_sec = (time_t) (values[j] % G_GUINT64_CONSTANT (4000000000));
        st.st_mtim.tv_nsec = (long) (values[i] % 1000000000);
        ns = (guint64) st.st_mtim.tv_sec * G_GUINT64_CONSTANT (1000000000) + (guint64) st.st_mtim.tv_nsec;
        etag = rs_local_info_etag (&st);
        expected = g_strdup_printf ("%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x",
                                    (guint64) st.st_ino, ns, (guint64) st.st_size);
        g_assert_cmpstr (etag, ==, expected);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/local/errors/mapping", test_mapping);
  g_test_add_func ("/local/errors/temp-names", test_temp_names);
  g_test_add_func ("/local/errors/etags", test_etags);
  return g_test_run ();
}
