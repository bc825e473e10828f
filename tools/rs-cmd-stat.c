/* rs-cmd-stat.c: remote-store stat */
#include "rs-tool.h"

#include <stdio.h>

static gboolean json;

static GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
  G_OPTION_ENTRY_NULL
};

/* What stat shows, collected once and rendered as text or JSON. */
typedef struct
{
  GString *json;
  GString *text;
} Report;

static void
add_string (Report     *report,
            const char *name,
            const char *value)
{
  rs_tool_json_member (report->json, name);
  rs_tool_json_string (report->json, value);
  if (value != NULL)
    g_string_append_printf (report->text, "  %s: %s\n", name, value);
}

static void
add_number (Report     *report,
            const char *name,
            gint64      value)
{
  rs_tool_json_member (report->json, name);
  g_string_append_printf (report->json, "%" G_GINT64_FORMAT, value);
  g_string_append_printf (report->text, "  %s: %" G_GINT64_FORMAT "\n", name, value);
}

static void
add_time (Report     *report,
          const char *name,
          GDateTime  *value)
{
  g_autofree char *text = value != NULL ? g_date_time_format_iso8601 (value) : NULL;

  add_string (report, name, text);
}

static void
add_metadata (Report     *report,
              GHashTable *metadata)
{
  GHashTableIter iter;
  gpointer key, value;

  rs_tool_json_member (report->json, "metadata");
  rs_tool_json_metadata (report->json, metadata);
  if (metadata == NULL)
    return;
  g_hash_table_iter_init (&iter, metadata);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_append_printf (report->text, "  metadata %s: %s\n", (char *) key, (char *) value);
}

static gboolean
stat_location (RsToolLocation  *location,
               Report          *report,
               GError         **error)
{
  g_autofree char *native = rs_store_native_path (location->store, location->key);
  gboolean is_folder;

  g_string_append_printf (report->text, "%s:\n", location->display);
  g_string_append_c (report->json, '{');
  add_string (report, "location", location->display);
  add_string (report, "backend", rs_backend_get_name (rs_store_get_backend (location->store)));
  add_string (report, "native-path", native);
  is_folder = location->key[0] == '\0' ||
              rs_store_is_folder (location->store, location->key, NULL, error);
  if (*error != NULL)
    return FALSE;
  if (is_folder)
    {
      g_autoptr(RsFolderInfo) info = rs_store_get_folder_info (location->store, location->key,
                                                               -1, NULL, error);
      if (info == NULL)
        return FALSE;
      add_string (report, "type", "folder");
      add_number (report, "size", rs_folder_info_get_total_size (info));
      add_number (report, "files", rs_folder_info_get_file_count (info));
      add_time (report, "modified", rs_folder_info_get_modified (info));
    }
  else
    {
      g_autoptr(RsFileInfo) info = rs_store_get_file_info (location->store, location->key,
                                                           NULL, error);
      if (info == NULL)
        return FALSE;
      add_string (report, "type", "file");
      add_number (report, "size", rs_fileinfo_get_size (info));
      add_time (report, "modified", rs_fileinfo_get_modified (info));
      add_string (report, "content-type", rs_fileinfo_get_content_type (info));
      add_string (report, "etag", rs_fileinfo_get_etag (info));
      add_string (report, "digest", rs_fileinfo_get_digest (info));
      add_metadata (report, rs_fileinfo_get_metadata (info));
    }
  g_string_append_c (report->json, '}');
  return TRUE;
}

int
handle_stat (int argc, char *argv[], gboolean do_help)
{
  g_autoptr(GOptionContext) context = NULL;
  gboolean many;
  guint printed = 0;
  int status;

  context = rs_tool_context_new ("stat", _("LOCATION…"),
                                 _("Show the size, modification time, etag, digest and metadata "
                                   "of files, and the totals of folders."), entries);
  status = rs_tool_parse (context, &argc, &argv, do_help);
  if (status >= 0)
    return status;
  if (argc < 2)
    return rs_tool_usage_error (context, _("No location given"));

  /* One object for one location, an array for several. */
  many = argc > 2;
  status = RS_TOOL_EXIT_OK;
  if (json && many)
    fputs ("[", stdout);
  for (int i = 1; i < argc; i++)
    {
      RsToolLocation location = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) json_text = g_string_new (NULL);
      g_autoptr(GString) text = g_string_new (NULL);
      Report report = { json_text, text };

      if (!rs_tool_locate ((const char * const *) &argv[i], 1, NULL, &location, &error) ||
          !stat_location (&location, &report, &error))
        {
          rs_tool_print_error (location.display, error);
          status = RS_TOOL_EXIT_FAILED;
        }
      else if (json)
        {
          fputs (printed++ > 0 ? "," : "", stdout);
          fwrite (json_text->str, 1, json_text->len, stdout);
        }
      else
        fwrite (text->str, 1, text->len, stdout);
      rs_tool_location_clear (&location);
    }
  if (json && (many || printed > 0))
    fputs (many ? "]\n" : "\n", stdout);
  return status;
}
