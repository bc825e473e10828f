/* rs-azure-response.c: the value types the store reports, from the
 * headers of a response */
#include "rs-azure-backend.h"
#include "rs-azure-metadata.h"
#include "rs-azure-properties.h"

static void
fill_metadata (GHashTable     *into,
               RsHttpResponse *response)
{
  GHashTable *headers = rs_http_response_get_headers (response);
  GHashTableIter iter;
  gpointer name, value;

  g_hash_table_iter_init (&iter, headers);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (g_str_has_prefix (name, "x-ms-meta-"))
      rs_azure_metadata_decode (into, (char *) name + 10, value);
}

/* The engine lowercases header names; a name another client gave in
 * capitals (x-ms-meta-Owner) comes back lowercased from a response,
 * while listings keep the case. */
RsFileInfo *
rs_azure_file_info_from_response (const char     *key,
                                  RsHttpResponse *response,
                                  gint64          size)
{
  RsFileInfo *info = rs_fileinfo_new (key, size);
  g_autoptr(GDateTime) modified = rs_azure_parse_http_date (rs_http_response_get_header (response, "last-modified"));
  g_autofree char *etag = rs_azure_etag_unquote (rs_http_response_get_header (response, "etag"));
  g_autofree char *digest = rs_azure_digest_from_md5 (rs_http_response_get_header (response, "content-md5"));
  g_autoptr(GHashTable) metadata = rs_azure_metadata_new ();

  if (modified != NULL)
    rs_fileinfo_set_modified (info, modified);
  rs_fileinfo_set_etag (info, etag);
  rs_fileinfo_set_digest (info, digest);
  rs_fileinfo_set_content_type (info, rs_http_response_get_header (response, "content-type"));
  fill_metadata (metadata, response);
  rs_fileinfo_set_metadata (info, metadata);
  return info;
}

RsWriteResult *
rs_azure_write_result_from_response (const char     *key,
                                     gint64          size,
                                     GHashTable     *metadata,
                                     RsHttpResponse *response)
{
  RsWriteResult *result = rs_write_result_new (key, size, RS_RESULT_SOURCE_NATIVE);
  g_autoptr(GDateTime) modified = rs_azure_parse_http_date (rs_http_response_get_header (response, "last-modified"));
  g_autofree char *etag = rs_azure_etag_unquote (rs_http_response_get_header (response, "etag"));
  g_autofree char *digest = rs_azure_digest_from_md5 (rs_http_response_get_header (response, "content-md5"));

  rs_write_result_set_etag (result, etag);
  rs_write_result_set_version_id (result, rs_http_response_get_header (response, "x-ms-version-id"));
  if (modified != NULL)
    rs_write_result_set_last_modified (result, modified);
  rs_write_result_set_digest (result, digest);
  rs_write_result_set_metadata (result, metadata);
  return result;
}
