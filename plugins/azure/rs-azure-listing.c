/* rs-azure-listing.c: the List Blobs response parser
 *
 * A GMarkup parser over
 *   EnumerationResults / Blobs / (Blob | BlobPrefix) / …, NextMarker
 * keeping only what a file info needs. A <Name Encoded="true"> carries a
 * percent-encoded name (the service does that for names XML cannot
 * hold).
 */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rs-azure-listing.h"
#include "rs-azure-metadata.h"
#include "rs-azure-properties.h"

typedef struct
{
  gboolean with_metadata;
  GPtrArray *entries;
  char *next_marker;
  GString *text;
  gboolean name_encoded;
  /* the <Blob> or <BlobPrefix> being read */
  gboolean in_item;
  gboolean is_prefix;
  gboolean in_metadata;
  char *name;
  gint64 size;
  GDateTime *modified;
  char *etag;
  char *content_type;
  char *digest;
  GHashTable *metadata;
} Parse;

static void
item_reset (Parse *p)
{
  g_clear_pointer (&p->name, g_free);
  g_clear_pointer (&p->modified, g_date_time_unref);
  g_clear_pointer (&p->etag, g_free);
  g_clear_pointer (&p->content_type, g_free);
  g_clear_pointer (&p->digest, g_free);
  g_clear_pointer (&p->metadata, g_hash_table_unref);
  p->size = 0;
  p->in_item = p->is_prefix = p->in_metadata = FALSE;
}

static void
on_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **attribute_names,
          const char          **attribute_values,
          gpointer              user_data,
          GError              **error)
{
  Parse *p = user_data;

  g_string_truncate (p->text, 0);
  if (p->in_metadata)
    return;
  if (strcmp (element, "Blob") == 0 || strcmp (element, "BlobPrefix") == 0)
    {
      item_reset (p);
      p->in_item = TRUE;
      p->is_prefix = element[4] == 'P';
    }
  else if (p->in_item && strcmp (element, "Metadata") == 0)
    {
      p->in_metadata = TRUE;
      if (p->with_metadata && p->metadata == NULL)
        p->metadata = rs_azure_metadata_new ();
    }
  else if (strcmp (element, "Name") == 0)
    {
      p->name_encoded = FALSE;
      for (gsize i = 0; attribute_names[i] != NULL; i++)
        if (strcmp (attribute_names[i], "Encoded") == 0 && strcmp (attribute_values[i], "true") == 0)
          p->name_encoded = TRUE;
    }
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              user_data,
         GError              **error)
{
  Parse *p = user_data;

  g_string_append_len (p->text, text, len);
}

static void
item_finish (Parse *p)
{
  if (p->name == NULL)
    return;
  if (p->is_prefix)
    {
      gsize len = strlen (p->name);

      /* "dir/" → "dir"; a bare "/" is no folder name we can hand back. */
      if (len > 1 && p->name[len - 1] == '/')
        {
          p->name[len - 1] = '\0';
          g_ptr_array_add (p->entries, rs_folder_entry_new (p->name));
        }
    }
  else if (!g_str_has_suffix (p->name, "/"))
    {
      /* (A blob named "dir/" is a folder marker some tools write: the
       * folder shows through its prefix, the marker is no file.) */
      RsFileInfo *info = rs_fileinfo_new (p->name, p->size);

      if (p->modified != NULL)
        rs_fileinfo_set_modified (info, p->modified);
      rs_fileinfo_set_etag (info, p->etag);
      rs_fileinfo_set_content_type (info, p->content_type);
      rs_fileinfo_set_digest (info, p->digest);
      if (p->with_metadata)
        {
          if (p->metadata == NULL)
            p->metadata = rs_azure_metadata_new ();
          rs_fileinfo_set_metadata (info, p->metadata);
        }
      g_ptr_array_add (p->entries, info);
    }
}

static void
on_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  Parse *p = user_data;
  const char *text = p->text->str;

  if (p->in_metadata)
    {
      if (strcmp (element, "Metadata") == 0)
        p->in_metadata = FALSE;
      else if (p->metadata != NULL)
        rs_azure_metadata_decode (p->metadata, element, text);
    }
  else if (strcmp (element, "Blob") == 0 || strcmp (element, "BlobPrefix") == 0)
    {
      item_finish (p);
      item_reset (p);
    }
  else if (p->in_item && strcmp (element, "Name") == 0)
    {
      g_free (p->name);
      p->name = p->name_encoded ? g_uri_unescape_string (text, NULL) : g_strdup (text);
    }
  else if (p->in_item && strcmp (element, "Content-Length") == 0)
    p->size = g_ascii_strtoll (text, NULL, 10);
  else if (p->in_item && strcmp (element, "Last-Modified") == 0)
    {
      g_clear_pointer (&p->modified, g_date_time_unref);
      p->modified = rs_azure_parse_http_date (text);
    }
  else if (p->in_item && strcmp (element, "Etag") == 0)
    {
      g_free (p->etag);
      p->etag = rs_azure_etag_unquote (text);
    }
  else if (p->in_item && strcmp (element, "Content-Type") == 0)
    {
      g_free (p->content_type);
      p->content_type = *text ? g_strdup (text) : NULL;
    }
  else if (p->in_item && strcmp (element, "Content-MD5") == 0)
    {
      g_free (p->digest);
      p->digest = rs_azure_digest_from_md5 (text);
    }
  else if (!p->in_item && strcmp (element, "NextMarker") == 0)
    {
      g_free (p->next_marker);
      p->next_marker = *text ? g_strdup (text) : NULL;
    }
  g_string_truncate (p->text, 0);
}

static const GMarkupParser listing_parser = { on_start, on_end, on_text, NULL, NULL };

gboolean
rs_azure_parse_listing (const char  *xml,
                        gsize        length,
                        gboolean     with_metadata,
                        GPtrArray   *entries,
                        char       **next_marker,
                        GError     **error)
{
  Parse p = { .with_metadata = with_metadata, .entries = entries, .text = g_string_new (NULL) };
  g_autoptr(GMarkupParseContext) context =
    g_markup_parse_context_new (&listing_parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &p, NULL);
  guint before = entries->len;
  g_autoptr(GError) local = NULL;
  gboolean ok;

  ok = g_markup_parse_context_parse (context, xml, length, &local) &&
       g_markup_parse_context_end_parse (context, &local);
  item_reset (&p);
  g_string_free (p.text, TRUE);
  if (!ok)
    {
      g_ptr_array_remove_range (entries, before, entries->len - before);
      g_free (p.next_marker);
      g_debug ("azure: unparsable listing: %s", local->message);
      g_set_error (error, RS_ERROR, RS_ERROR_FAILED,
                   _("The service sent a listing that is not valid XML"));
      return FALSE;
    }
  *next_marker = p.next_marker;
  return TRUE;
}

/* ---- <Error><Code>…</Code></Error> ------------------------------------- */

typedef struct
{
  gboolean in_code;
  GString *code;
} ErrorParse;

static void
error_start (GMarkupParseContext *c, const char *element, const char **n, const char **v,
             gpointer user_data, GError **error)
{
  ((ErrorParse *) user_data)->in_code = strcmp (element, "Code") == 0;
}

static void
error_end (GMarkupParseContext *c, const char *element, gpointer user_data, GError **error)
{
  ((ErrorParse *) user_data)->in_code = FALSE;
}

static void
error_text (GMarkupParseContext *c, const char *text, gsize len, gpointer user_data, GError **error)
{
  ErrorParse *p = user_data;

  if (p->in_code)
    g_string_append_len (p->code, text, len);
}

static const GMarkupParser error_parser = { error_start, error_end, error_text, NULL, NULL };

char *
rs_azure_parse_error_code (const char *xml,
                           gsize       length)
{
  ErrorParse p = { FALSE, g_string_new (NULL) };
  g_autoptr(GMarkupParseContext) context = NULL;

  if (xml == NULL || length == 0)
    {
      g_string_free (p.code, TRUE);
      return NULL;
    }
  /* The service may start the body with a byte order mark. */
  if (length >= 3 && memcmp (xml, "\xef\xbb\xbf", 3) == 0)
    {
      xml += 3;
      length -= 3;
    }
  context = g_markup_parse_context_new (&error_parser, 0, &p, NULL);
  if (!g_markup_parse_context_parse (context, xml, length, NULL) || p.code->len == 0)
    {
      g_string_free (p.code, TRUE);
      return NULL;
    }
  g_strstrip (p.code->str);
  return g_string_free (p.code, FALSE);
}
