/* test-faults.c: connections cut mid-upload and mid-download
 *
 * fault-proxy.py sits between the store and the Swift server started by
 * swift-harness.py and resets connections after N bytes. The tests show
 * that a GET resumes (Range + If-Match) and refuses to splice two object
 * versions, that a replayable upload is retried, and that an atomic write
 * that cannot finish leaves neither the object nor a multipart upload. */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <remotestore/remotestore.h>

typedef struct
{
  GPid pid;
  int in;                       /* its stdin: closing it stops it */
  int out;
  int port;
} Proxy;

static RsStore *direct;
static char *root;

/* @record: NULL, or a file for the request lines and payload hashes sent. */
static Proxy
proxy_start_full (const char *direction,
                  const char *after,
                  const char *times,
                  const char *record)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "s3", "fault-proxy.py", NULL);
  g_autoptr(GUri) endpoint = g_uri_parse (g_getenv ("S3_ENDPOINT"), G_URI_FLAGS_NONE, NULL);
  g_autofree char *target = g_strdup_printf ("%d", g_uri_get_port (endpoint));
  const char *argv[] = { "/usr/bin/python3", script, target, "--direction", direction,
                         "--after", after, "--times", times,
                         record != NULL ? "--record" : NULL, record, NULL };
  g_autoptr(GError) error = NULL;
  Proxy proxy = { 0 };
  char line[32] = { 0 };
  gsize n = 0;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                           &proxy.pid, &proxy.in, &proxy.out, NULL, &error));
  g_assert_no_error (error);
  while (n < sizeof line - 1 && read (proxy.out, line + n, 1) == 1 && line[n] != '\n')
    n++;
  proxy.port = atoi (line);
  g_assert_cmpint (proxy.port, >, 0);
  return proxy;
}

static Proxy
proxy_start (const char *direction,
             const char *after,
             const char *times)
{
  return proxy_start_full (direction, after, times, NULL);
}

/* Whether the proxy reported a reset (within two seconds). */
static gboolean
proxy_did_reset (Proxy *proxy)
{
  struct pollfd fd = { proxy->out, POLLIN, 0 };
  char line[16] = { 0 };

  if (poll (&fd, 1, 2000) <= 0)
    return FALSE;
  return read (proxy->out, line, sizeof line - 1) > 0 && g_str_has_prefix (line, "reset");
}

static void
proxy_stop (Proxy *proxy)
{
  int status;

  close (proxy->in);
  close (proxy->out);
  waitpid (proxy->pid, &status, 0);
  g_spawn_close_pid (proxy->pid);
}

static RsStore *
store_through (Proxy      *proxy,
               const char *extra)
{
  g_autofree char *uri = g_strdup_printf ("s3://%s?endpoint=http://127.0.0.1:%d&region=us-east-1&path-style=true%s",
                                          g_getenv ("S3_BUCKET"), proxy->port, extra);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) base = rs_store_new_for_uri (uri, &error);
  RsStore *store;

  g_assert_no_error (error);
  store = rs_store_child (base, root, &error);
  g_assert_no_error (error);
  return store;
}

static GBytes *
pattern (gsize size, guint seed)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * seed + i / 4093);
  return g_bytes_new_take (data, size);
}

static void
put_direct (const char *path, GBytes *content)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = rs_store_write_bytes (direct, path, content, RS_WRITE_OVERWRITE,
                                                          NULL, NULL, &error);

  g_assert_no_error (error);
}

static void
test_download_resumes (void)
{
  g_autoptr(GBytes) content = pattern (8 * 1024 * 1024, 7);
  Proxy proxy = proxy_start ("down", "3145728", "1");
  g_autoptr(RsStore) store = store_through (&proxy, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;

  put_direct ("dl", content);
  read = rs_store_read_bytes (store, "dl", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (proxy_did_reset (&proxy));
  g_assert_true (g_bytes_equal (read, content));
  proxy_stop (&proxy);
}

static void
test_download_refuses_new_version (void)
{
  g_autoptr(GBytes) content = pattern (32 * 1024 * 1024, 7);
  g_autoptr(GBytes) other = pattern (32 * 1024 * 1024, 11);
  Proxy proxy = proxy_start ("down", "25165824", "1");
  g_autoptr(RsStore) store = store_through (&proxy, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  const guint8 *expected = g_bytes_get_data (content, NULL);
  gsize total = 0;
  gssize n;

  put_direct ("changing", content);
  stream = rs_store_read (store, "changing", NULL, &error);
  g_assert_no_error (error);
  n = g_input_stream_read (stream, buffer, 64 * 1024, NULL, &error);
  g_assert_cmpint (n, >, 0);
  total = n;
  /* Back-pressure holds the transfer far before the cut; replace the object meanwhile. */
  put_direct ("changing", other);
  while ((n = g_input_stream_read (stream, buffer, 64 * 1024, NULL, &error)) > 0)
    {
      g_assert_cmpmem (buffer, n, expected + total, n);
      total += n;
    }
  g_assert_error (error, RS_ERROR, RS_ERROR_PRECONDITION_FAILED);
  g_assert_cmpuint (total, <, g_bytes_get_size (content));
  g_assert_true (proxy_did_reset (&proxy));
  proxy_stop (&proxy);
}

static void
test_upload_retried (void)
{
  g_autoptr(GBytes) content = pattern (3 * 1024 * 1024, 5);
  Proxy proxy = proxy_start ("up", "1048576", "1");
  g_autoptr(RsStore) store = store_through (&proxy, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = NULL;
  g_autoptr(GBytes) read = NULL;

  result = rs_store_write_bytes (store, "up", content, RS_WRITE_OVERWRITE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (proxy_did_reset (&proxy));
  read = rs_store_read_bytes (direct, "up", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, content));
  proxy_stop (&proxy);
}

static gboolean
uploads_remain (const char *prefix)
{
  const char *argv[] = { "/usr/bin/aws", "--endpoint-url", g_getenv ("S3_ENDPOINT"), "--output", "text",
                         "s3api", "list-multipart-uploads", "--bucket", g_getenv ("S3_BUCKET"),
                         "--prefix", prefix, "--query", "Uploads[].Key", NULL };
  g_autofree char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strstrip (out);
  return out[0] != '\0' && strcmp (out, "None") != 0;
}

static void
test_atomic_write_leaves_nothing (void)
{
  g_autoptr(GBytes) content = pattern (16 * 1024 * 1024, 3);
  Proxy proxy = proxy_start ("up", "2097152", "100000");
  g_autoptr(RsStore) store = store_through (&proxy, "&part-size=5242880");
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s/atomic", root);

  result = rs_store_write_bytes (store, "atomic", content, RS_WRITE_ATOMIC, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_test_message ("the write failed as it should: %s", error->message);
  g_clear_error (&error);
  g_assert_false (rs_store_exists (direct, "atomic", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (uploads_remain (prefix));
  proxy_stop (&proxy);
}

static void
skip_without_server (void)
{
  g_test_skip ("needs the Swift harness (S3_ENDPOINT)");
}

/* What payload-signing puts on the wire for object bytes (a multipart
 * upload of two parts and a single PutObject), and that Swift, which
 * checks SigV4, takes it and gives the same bytes back. */
static void
check_payload_signing (const char *option,
                       gboolean    expect_unsigned)
{
  g_autofree char *record = g_build_filename (g_get_tmp_dir (), "rs-s3-payload-XXXXXX", NULL);
  int fd = g_mkstemp (record);
  Proxy proxy = proxy_start_full ("up", "1099511627776", "0", record);
  g_autofree char *extra = g_strdup_printf ("&part-size=5242880%s", option);
  g_autoptr(RsStore) store = store_through (&proxy, extra);
  g_autoptr(GBytes) big = pattern (6 * 1024 * 1024 + 17, 7);
  g_autoptr(GBytes) small = pattern (1000, 3);
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = NULL;
  g_auto(GStrv) recorded = NULL;
  guint unsigned_puts = 0, hashed_puts = 0;
  const char *previous = "";

  close (fd);
  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? "payload/big" : "payload/small";
      GBytes *content = i == 0 ? big : small;
      g_autoptr(RsWriteResult) result = rs_store_write_bytes (store, path, content, RS_WRITE_OVERWRITE,
                                                              NULL, NULL, &error);
      g_autoptr(GBytes) back = NULL;

      g_assert_no_error (error);
      back = rs_store_read_bytes (direct, path, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (back, content));
    }
  proxy_stop (&proxy);

  g_assert_true (g_file_get_contents (record, &lines, NULL, NULL));
  recorded = g_strsplit (lines, "\n", -1);
  for (guint i = 0; recorded[i] != NULL; i++)
    {
      /* The hash line of a PUT (an object, or a part) follows its request line. */
      if (g_ascii_strncasecmp (recorded[i], "x-amz-content-sha256:", 21) == 0 &&
          g_str_has_prefix (previous, "PUT "))
        {
          if (strstr (recorded[i], "UNSIGNED-PAYLOAD") != NULL)
            unsigned_puts++;
          else
            hashed_puts++;
        }
      previous = recorded[i];
    }
  g_test_message ("%s: %u unsigned, %u hashed PUTs", option, unsigned_puts, hashed_puts);
  /* Two parts and one PutObject. */
  g_assert_cmpuint (expect_unsigned ? unsigned_puts : hashed_puts, ==, 3);
  g_assert_cmpuint (expect_unsigned ? hashed_puts : unsigned_puts, ==, 0);
  unlink (record);
}

static void
test_payload_unsigned (void)
{
  check_payload_signing ("&payload-signing=unsigned", TRUE);
}

/* auto signs over http (https would leave object bytes to TLS). */
static void
test_payload_auto_over_http (void)
{
  check_payload_signing ("", FALSE);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) base = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("RS_TEST_URI") == NULL || g_getenv ("S3_ENDPOINT") == NULL)
    {
      g_test_add_func ("/s3/faults/needs-server", skip_without_server);
      return g_test_run ();
    }
  base = rs_store_new_for_uri (g_getenv ("RS_TEST_URI"), &error);
  g_assert_no_error (error);
  root = g_strdup_printf ("faults-%08x", g_random_int ());
  direct = rs_store_child (base, root, &error);
  g_assert_no_error (error);
  g_test_add_func ("/s3/faults/download-resumes", test_download_resumes);
  g_test_add_func ("/s3/faults/download-refuses-new-version", test_download_refuses_new_version);
  g_test_add_func ("/s3/faults/upload-retried", test_upload_retried);
  g_test_add_func ("/s3/faults/atomic-write-leaves-nothing", test_atomic_write_leaves_nothing);
  g_test_add_func ("/s3/wire/payload-unsigned", test_payload_unsigned);
  g_test_add_func ("/s3/wire/payload-auto-over-http", test_payload_auto_over_http);
  status = g_test_run ();
  rs_store_delete_folder (base, root, RS_DELETE_RECURSIVE | RS_DELETE_MISSING_OK, NULL, NULL);
  g_clear_object (&direct);
  g_free (root);
  return status;
}
