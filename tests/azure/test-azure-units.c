/* test-azure-units.c: the azure plugin's request-independent pieces —
 * SharedKey signing, connection strings and credential sources, the
 * metadata codec, the List Blobs and error parsers (on responses captured
 * from Azurite 3.37), property normalisation */
#include <string.h>

#include "rs-azure-credentials.h"
#include "rs-azure-listing.h"
#include "rs-azure-metadata.h"
#include "rs-azure-properties.h"
#include "rs-azure-sign.h"

#define DEV_KEY "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/" \
                "K1SZFPTOtr/KBHBeksoGMGw=="

/* ---- signing ----------------------------------------------------------- */

static const char *const block_headers[] = {
  "x-ms-version: 2021-12-02",
  "x-ms-date: Thu, 03 Dec 2026 15:00:00 GMT",
  "Content-Length: 5",
  "x-ms-meta-owner: me",
  "If-None-Match: *",
  "Content-Type: text/plain",
  NULL,
};

static void
test_string_to_sign (void)
{
  g_autofree char *s = rs_azure_string_to_sign ("PUT", "devstoreaccount1",
                                                "/devstoreaccount1/photos/a%20b/c.txt",
                                                "comp=block&blockid=AAAB%3D%3D", block_headers);

  /* Written out by hand from the "Authorize with Shared Key" rules. */
  g_assert_cmpstr (s, ==,
                   "PUT\n\n\n5\n\ntext/plain\n\n\n\n*\n\n\n"
                   "x-ms-date:Thu, 03 Dec 2026 15:00:00 GMT\n"
                   "x-ms-meta-owner:me\n"
                   "x-ms-version:2021-12-02\n"
                   "/devstoreaccount1/devstoreaccount1/photos/a%20b/c.txt\n"
                   "blockid:AAAB==\n"
                   "comp:block");
}

static void
test_zero_length_and_query_order (void)
{
  static const char *const headers[] = {
    "Content-Length: 0", "X-MS-Version:   2021-12-02  ", NULL,
  };
  g_autofree char *s = rs_azure_string_to_sign ("GET", "acct", "/c",
                                                "restype=container&Comp=list&prefix=a+b%2F&include=metadata&include=copy",
                                                headers);

  /* Content-Length 0 signs as empty; names lowercased and trimmed;
   * repeated parameters sorted and joined. */
  g_assert_cmpstr (s, ==,
                   "GET\n\n\n\n\n\n\n\n\n\n\n\n"
                   "x-ms-version:2021-12-02\n"
                   "/acct/c\n"
                   "comp:list\n"
                   "include:copy,metadata\n"
                   "prefix:a b/\n"
                   "restype:container");
}

static void
test_signature_matches_sdk (void)
{
  g_autoptr(GBytes) key = rs_azure_decode_key (DEV_KEY);
  g_autofree char *auth = NULL;

  g_assert_nonnull (key);
  auth = rs_azure_authorization ("devstoreaccount1", key, "PUT",
                                 "/devstoreaccount1/photos/a%20b/c.txt",
                                 "comp=block&blockid=AAAB%3D%3D", block_headers);
  /* Computed by python3-azure 12.15's SharedKeyCredentialPolicy for the
   * same request; check-signing.py repeats this at test time. */
  g_assert_cmpstr (auth, ==, "SharedKey devstoreaccount1:q4HIKAGhmyU+7rTKQQLIHdQAI7vmf0dCNIi14qN+sNQ=");
}

static void
test_bad_key (void)
{
  g_assert_null (rs_azure_decode_key (""));
  g_assert_null (rs_azure_decode_key ("not base64!"));
  g_assert_null (rs_azure_decode_key ("abc"));
}

/* ---- connection strings and credentials ------------------------------- */

static void
test_connection_string_full (void)
{
  RsAzureCredentials c = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (rs_azure_parse_connection_string (
    "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=" DEV_KEY ";EndpointSuffix=core.chinacloudapi.cn",
    &c, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (c.account, ==, "acme");
  g_assert_cmpstr (c.key, ==, DEV_KEY);
  g_assert_null (c.sas);
  g_assert_cmpstr (c.endpoint, ==, "https://acme.blob.core.chinacloudapi.cn");
  rs_azure_credentials_clear (&c);
}

static void
test_connection_string_dev (void)
{
  RsAzureCredentials c = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (rs_azure_parse_connection_string ("UseDevelopmentStorage=true", &c, &error));
  g_assert_cmpstr (c.account, ==, "devstoreaccount1");
  g_assert_cmpstr (c.key, ==, DEV_KEY);
  g_assert_cmpstr (c.endpoint, ==, "http://127.0.0.1:10000/devstoreaccount1");
  rs_azure_credentials_clear (&c);

  g_assert_true (rs_azure_parse_connection_string (
    "UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1:4444/", &c, &error));
  g_assert_cmpstr (c.endpoint, ==, "http://127.0.0.1:4444/devstoreaccount1");
  rs_azure_credentials_clear (&c);
}

static void
test_connection_string_blob_endpoint_sas (void)
{
  RsAzureCredentials c = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (rs_azure_parse_connection_string (
    "BlobEndpoint=http://127.0.0.1:5555/devstoreaccount1/;SharedAccessSignature=?sv=2021-12-02&sig=abc%3D",
    &c, &error));
  g_assert_null (c.account);
  g_assert_null (c.key);
  g_assert_cmpstr (c.sas, ==, "sv=2021-12-02&sig=abc%3D");
  g_assert_cmpstr (c.endpoint, ==, "http://127.0.0.1:5555/devstoreaccount1");
  rs_azure_credentials_clear (&c);
}

static void
test_connection_string_malformed (void)
{
  RsAzureCredentials c = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (rs_azure_parse_connection_string ("AccountName=a;Eby8vdM02xNOcqFlqUwJPL", &c, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT);
  /* The message never quotes the string: it holds the key. */
  g_assert_null (strstr (error->message, "Eby8"));
  g_assert_nonnull (strstr (error->message, "part 2"));
  rs_azure_credentials_clear (&c);
  g_clear_error (&error);
  g_assert_false (rs_azure_parse_connection_string ("EndpointSuffix=x", &c, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT);
  rs_azure_credentials_clear (&c);
}

static void
test_resolve_sources (void)
{
  const char *envp[] = {
    "AZURE_STORAGE_CONNECTION_STRING=AccountName=fromcs;AccountKey=" DEV_KEY ";BlobEndpoint=http://127.0.0.1:1/fromcs",
    "AZURE_STORAGE_ACCOUNT=fromenv",
    "AZURE_STORAGE_KEY=ZW52a2V5",
    NULL,
  };
  const char *plain_env[] = { "AZURE_STORAGE_ACCOUNT=fromenv", "AZURE_STORAGE_KEY=ZW52a2V5",
                              "AZURE_STORAGE_SAS_TOKEN=?sv=1&sig=x", NULL };
  RsAzureCredentials c = { 0 };
  g_autoptr(GError) error = NULL;

  /* The environment's connection string outranks ACCOUNT/KEY. */
  g_assert_true (rs_azure_credentials_resolve (&c, NULL, envp, &error));
  g_assert_cmpstr (c.account, ==, "fromcs");
  g_assert_cmpstr (c.key, ==, DEV_KEY);
  g_assert_cmpstr (c.endpoint, ==, "http://127.0.0.1:1/fromcs");
  rs_azure_credentials_clear (&c);

  /* The option's connection string outranks the environment's. */
  g_assert_true (rs_azure_credentials_resolve (&c, "UseDevelopmentStorage=true", envp, &error));
  g_assert_cmpstr (c.account, ==, "devstoreaccount1");
  rs_azure_credentials_clear (&c);

  /* Options outrank everything; an option's SAS keeps the found key out. */
  c.account = g_strdup ("opt");
  c.sas = g_strdup ("sv=2&sig=y");
  g_assert_true (rs_azure_credentials_resolve (&c, NULL, envp, &error));
  g_assert_cmpstr (c.account, ==, "opt");
  g_assert_null (c.key);
  g_assert_cmpstr (c.sas, ==, "sv=2&sig=y");
  g_assert_cmpstr (c.endpoint, ==, "http://127.0.0.1:1/fromcs");
  rs_azure_credentials_clear (&c);

  /* ACCOUNT + KEY (+ SAS token) alone; the public endpoint by default. */
  g_assert_true (rs_azure_credentials_resolve (&c, NULL, plain_env, &error));
  g_assert_cmpstr (c.account, ==, "fromenv");
  g_assert_cmpstr (c.key, ==, "ZW52a2V5");
  g_assert_cmpstr (c.sas, ==, "sv=1&sig=x");
  g_assert_cmpstr (c.endpoint, ==, "https://fromenv.blob.core.windows.net");
  rs_azure_credentials_clear (&c);

  /* The account of a path-style endpoint. */
  c.endpoint = g_strdup ("http://127.0.0.1:7/devstoreaccount1/");
  g_assert_true (rs_azure_credentials_resolve (&c, NULL, (const char *[]) { NULL }, &error));
  g_assert_cmpstr (c.account, ==, "devstoreaccount1");
  g_assert_cmpstr (c.endpoint, ==, "http://127.0.0.1:7/devstoreaccount1");
  rs_azure_credentials_clear (&c);

  g_assert_false (rs_azure_credentials_resolve (&c, NULL, (const char *[]) { NULL }, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT);
  rs_azure_credentials_clear (&c);
}

/* ---- metadata ---------------------------------------------------------- */

static GHashTable *
decode_lines (GPtrArray *lines)
{
  GHashTable *out = rs_azure_metadata_new ();

  for (guint i = 0; i < lines->len && g_ptr_array_index (lines, i) != NULL; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *colon = strchr (line, ':');
      g_autofree char *name = NULL;

      g_assert_true (g_str_has_prefix (line, "x-ms-meta-"));
      g_assert_nonnull (colon);
      g_assert_cmpint (colon[1], ==, ' ');
      name = g_strndup (line + 10, colon - line - 10);
      rs_azure_metadata_decode (out, name, colon + 2);
    }
  return out;
}

/* @lines ends with NULL, which g_str_equal must not meet. */
static gboolean
has_line (GPtrArray  *lines,
          const char *line)
{
  for (guint i = 0; i + 1 < lines->len; i++)
    if (strcmp (g_ptr_array_index (lines, i), line) == 0)
      return TRUE;
  return FALSE;
}

static void
test_metadata_round_trip (void)
{
  g_autoptr(GHashTable) md = rs_azure_metadata_new ();
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GHashTable) back = NULL;
  GHashTableIter iter;
  gpointer k, v;

  g_hash_table_insert (md, g_strdup ("owner"), g_strdup ("me"));
  g_hash_table_insert (md, g_strdup ("Key-2.x"), g_strdup ("\xe6\x97\xa5\xe6\x9c\xac \xc3\xa9"));
  g_hash_table_insert (md, g_strdup ("empty"), g_strdup (""));
  g_hash_table_insert (md, g_strdup ("spaced"), g_strdup (" a  b "));
  g_hash_table_insert (md, g_strdup ("Case"), g_strdup ("1"));
  g_hash_table_insert (md, g_strdup ("case"), g_strdup ("2"));
  g_hash_table_insert (md, g_strdup ("with_underscore"), g_strdup ("x"));
  lines = rs_azure_metadata_headers (md);
  g_assert_cmpuint (lines->len, ==, g_hash_table_size (md) + 1);
  g_assert_null (g_ptr_array_index (lines, lines->len - 1));

  /* A plain pair goes as is, so other clients read it as written. */
  g_assert_true (has_line (lines, "x-ms-meta-owner: me"));
  /* Capitals would come back lowercased from a response header: encoded. */
  g_assert_false (has_line (lines, "x-ms-meta-Case: 1"));
  for (guint i = 0; i + 1 < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      /* Header names stay in the alphabet where the signing sort is byte-wise. */
      for (const char *p = line + 10; *p != ':'; p++)
        g_assert_true (g_ascii_isalnum (*p) || (*p == '_' && p == line + 10));
      for (const char *p = line; *p; p++)
        g_assert_true ((guchar) *p >= 0x20 && (guchar) *p < 0x7f);
    }
  back = decode_lines (lines);
  g_assert_cmpuint (g_hash_table_size (back), ==, g_hash_table_size (md));
  g_hash_table_iter_init (&iter, md);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_assert_cmpstr (g_hash_table_lookup (back, k), ==, v);
}

static void
test_metadata_foreign (void)
{
  g_autoptr(GHashTable) out = rs_azure_metadata_new ();

  /* Names other clients wrote, even ones that look encoded but are not. */
  rs_azure_metadata_decode (out, "Owner", "someone");
  rs_azure_metadata_decode (out, "_zz", "b:eA==");
  rs_azure_metadata_decode (out, "_6b", "plain");
  g_assert_cmpstr (g_hash_table_lookup (out, "Owner"), ==, "someone");
  g_assert_cmpstr (g_hash_table_lookup (out, "_zz"), ==, "b:eA==");
  g_assert_cmpstr (g_hash_table_lookup (out, "_6b"), ==, "plain");
}

/* ---- listings and errors ----------------------------------------------- */

static char *
sample (const char *name,
        gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "samples", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, length, &error);
  g_assert_no_error (error);
  return text;
}

static RsEntry *
find_entry (GPtrArray  *entries,
            const char *path)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (rs_entry_get_path (g_ptr_array_index (entries, i)), path) == 0)
      return g_ptr_array_index (entries, i);
  return NULL;
}

static void
test_listing_delimiter (void)
{
  gsize len;
  g_autofree char *xml = sample ("list-delim.xml", &len);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  RsEntry *e;
  g_autofree char *modified = NULL;

  g_assert_true (rs_azure_parse_listing (xml, len, FALSE, entries, &next, &error));
  g_assert_no_error (error);
  g_assert_null (next);
  g_assert_cmpuint (entries->len, ==, 7);
  g_assert_true (RS_IS_FOLDER_ENTRY (find_entry (entries, "dir")));
  g_assert_true (RS_IS_FOLDER_ENTRY (find_entry (entries, "dir2")));
  g_assert_true (RS_IS_FOLDER_ENTRY (find_entry (entries, "\xc3\xa9")));
  g_assert_true (RS_IS_FILE_INFO (find_entry (entries, "x & y <z>.txt")));
  e = find_entry (entries, "a.txt");
  g_assert_true (RS_IS_FILE_INFO (e));
  g_assert_cmpint (rs_fileinfo_get_size (RS_FILE_INFO (e)), ==, 11);
  g_assert_cmpstr (rs_fileinfo_get_etag (RS_FILE_INFO (e)), ==, "0x200853A40D25FC0");
  g_assert_cmpstr (rs_fileinfo_get_digest (RS_FILE_INFO (e)), ==, "md5:68a0697b83411b6cb6b7fe791c4cef7b");
  g_assert_cmpstr (rs_fileinfo_get_content_type (RS_FILE_INFO (e)), ==, "application/octet-stream");
  g_assert_null (rs_fileinfo_get_metadata (RS_FILE_INFO (e)));
  modified = g_date_time_format_iso8601 (rs_fileinfo_get_modified (RS_FILE_INFO (e)));
  g_assert_cmpstr (modified, ==, "2026-12-03T15:03:34Z");
}

static void
test_listing_prefix_and_empty (void)
{
  gsize len;
  g_autofree char *xml = sample ("list-dir.xml", &len);
  g_autofree char *empty = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  char *next = NULL;

  g_assert_true (rs_azure_parse_listing (xml, len, FALSE, entries, &next, &error));
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_true (RS_IS_FOLDER_ENTRY (find_entry (entries, "dir/sub")));
  g_assert_true (RS_IS_FILE_INFO (find_entry (entries, "dir/b.txt")));
  g_ptr_array_set_size (entries, 0);
  empty = sample ("list-empty.xml", &len);
  g_assert_true (rs_azure_parse_listing (empty, len, TRUE, entries, &next, &error));
  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_null (next);
}

static void
test_listing_page_metadata (void)
{
  gsize len;
  g_autofree char *xml = sample ("list-page1.xml", &len);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  GHashTable *md;

  g_assert_true (rs_azure_parse_listing (xml, len, TRUE, entries, &next, &error));
  g_assert_cmpstr (next, ==, "dir/b.txt");
  g_assert_cmpuint (entries->len, ==, 2);
  md = rs_fileinfo_get_metadata (RS_FILE_INFO (find_entry (entries, "a.txt")));
  g_assert_cmpuint (g_hash_table_size (md), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (md, "owner"), ==, "me");
  g_assert_cmpstr (g_hash_table_lookup (md, "Key"), ==, "V");
  md = rs_fileinfo_get_metadata (RS_FILE_INFO (find_entry (entries, "dir/b.txt")));
  g_assert_cmpuint (g_hash_table_size (md), ==, 0);
}

static void
test_listing_encoded_and_broken (void)
{
  static const char encoded[] =
    "<?xml version=\"1.0\"?><EnumerationResults><Blobs>"
    "<Blob><Name Encoded=\"true\">a%01b</Name><Properties><Content-Length>3</Content-Length></Properties>"
    "<Metadata><_4b65792d32>b:5pel</_4b65792d32></Metadata></Blob>"
    "<Blob><Name>marker/</Name><Properties><Content-Length>0</Content-Length></Properties></Blob>"
    "</Blobs><NextMarker>m2</NextMarker></EnumerationResults>";
  static const char broken[] = "<EnumerationResults><Blobs><Blob><Name>x</Blobs>";
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  char *none = NULL;
  GHashTable *md;

  g_assert_true (rs_azure_parse_listing (encoded, sizeof encoded - 1, TRUE, entries, &next, &error));
  /* A folder marker blob ("marker/") is no file. */
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (rs_entry_get_path (g_ptr_array_index (entries, 0)), ==, "a\001b");
  md = rs_fileinfo_get_metadata (g_ptr_array_index (entries, 0));
  g_assert_cmpstr (g_hash_table_lookup (md, "Key-2"), ==, "\xe6\x97\xa5");
  g_assert_cmpstr (next, ==, "m2");

  g_assert_false (rs_azure_parse_listing (broken, sizeof broken - 1, FALSE, entries, &none, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_FAILED);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_null (none);
}

static void
test_error_code (void)
{
  gsize len;
  g_autofree char *xml = sample ("error-container-not-found.xml", &len);
  g_autofree char *code = rs_azure_parse_error_code (xml, len);
  static const char with_bom[] = "\xef\xbb\xbf<Error><Code>BlobNotFound</Code></Error>";
  g_autofree char *bom = rs_azure_parse_error_code (with_bom, sizeof with_bom - 1);

  g_assert_cmpstr (code, ==, "ContainerNotFound");
  g_assert_cmpstr (bom, ==, "BlobNotFound");
  g_assert_null (rs_azure_parse_error_code ("", 0));
  g_assert_null (rs_azure_parse_error_code ("<html>", 6));
}

static void
test_properties (void)
{
  g_autoptr(GDateTime) d = rs_azure_parse_http_date ("Thu, 03 Dec 2026 15:03:34 GMT");
  g_autofree char *etag = rs_azure_etag_unquote ("\"0x1\"");
  g_autofree char *bare = rs_azure_etag_unquote ("0x1");

  g_assert_nonnull (d);
  g_assert_cmpint (g_date_time_get_month (d), ==, 12);
  g_assert_cmpint (g_date_time_get_hour (d), ==, 15);
  g_assert_null (rs_azure_parse_http_date ("yesterday"));
  g_assert_null (rs_azure_parse_http_date ("Thu, 03 Foo 2026 15:03:34 GMT"));
  g_assert_cmpstr (etag, ==, "0x1");
  g_assert_cmpstr (bare, ==, "0x1");
  g_assert_null (rs_azure_digest_from_md5 ("YQ=="));
  g_assert_null (rs_azure_digest_from_md5 (""));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/azure/sign/string-to-sign", test_string_to_sign);
  g_test_add_func ("/azure/sign/zero-length-and-query-order", test_zero_length_and_query_order);
  g_test_add_func ("/azure/sign/matches-sdk", test_signature_matches_sdk);
  g_test_add_func ("/azure/sign/bad-key", test_bad_key);
  g_test_add_func ("/azure/credentials/connection-string", test_connection_string_full);
  g_test_add_func ("/azure/credentials/development-storage", test_connection_string_dev);
  g_test_add_func ("/azure/credentials/blob-endpoint-and-sas", test_connection_string_blob_endpoint_sas);
  g_test_add_func ("/azure/credentials/malformed", test_connection_string_malformed);
  g_test_add_func ("/azure/credentials/resolution-order", test_resolve_sources);
  g_test_add_func ("/azure/metadata/round-trip", test_metadata_round_trip);
  g_test_add_func ("/azure/metadata/foreign", test_metadata_foreign);
  g_test_add_func ("/azure/listing/delimiter", test_listing_delimiter);
  g_test_add_func ("/azure/listing/prefix-and-empty", test_listing_prefix_and_empty);
  g_test_add_func ("/azure/listing/page-and-metadata", test_listing_page_metadata);
  g_test_add_func ("/azure/listing/encoded-and-broken", test_listing_encoded_and_broken);
  g_test_add_func ("/azure/error-code", test_error_code);
  g_test_add_func ("/azure/properties", test_properties);
  return g_test_run ();
}
