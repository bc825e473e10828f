/* rs-cmd-du.c: remote-store du */
#include "rs-tool.h"

#include <stdio.h>

static gboolean human;
static gboolean json;
static int depth = -1;

static GOptionEntry entries[] = {
  { "human-readable", 'H', 0, G_OPTION_ARG_NONE, &human, N_("Show sizes as KiB, MiB…"), NULL },
  { "depth", 0, 0, G_OPTION_ARG_INT, &depth, N_("Count files at most DEPTH levels down"), N_("DEPTH") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
  G_OPTION_ENTRY_NULL
};

/* A file counts as itself, as du. */
static RsFolderInfo *
folder_or_file_info (RsToolLocation  *location,
                     GError         **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(RsFileInfo) file = NULL;
  RsFolderInfo *info = rs_store_get_folder_info (location->store, location->key, depth,
                                                 NULL, &local);

  if (info != NULL || !g_error_matches (local, RS_ERROR, RS_ERROR_INVALID_PATH))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return info;
    }
  file = rs_store_get_file_info (location->store, location->key, NULL, NULL);
  if (file == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return rs_folder_info_new (location->key, 1, rs_fileinfo_get_size (file),
                             rs_fileinfo_get_modified (file));
}

int
handle_du (int argc, char *argv[], gboolean do_help)
{
  g_autoptr(GOptionContext) context = NULL;
  const char *here[] = { ".", NULL };
  const char * const *locations;
  gboolean many;
  guint printed = 0;
  int status;

  context = rs_tool_context_new ("du", _("[LOCATION…]"),
                                 _("Show the total size and the number of files under each folder "
                                   "(default: the current folder)."), entries);
  status = rs_tool_parse (context, &argc, &argv, do_help);
  if (status >= 0)
    return status;
  if (depth < -1)
    return rs_tool_usage_error (context, _("--depth must be 0 or more"));

  locations = argc > 1 ? (const char * const *) argv + 1 : here;
  many = argc > 2;
  status = RS_TOOL_EXIT_OK;
  if (json && many)
    fputs ("[", stdout);
  for (guint i = 0; locations[i] != NULL; i++)
    {
      RsToolLocation location = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(RsFolderInfo) info = NULL;

      if (rs_tool_locate (&locations[i], 1, NULL, &location, &error))
        info = folder_or_file_info (&location, &error);
      if (info == NULL)
        {
          rs_tool_print_error (location.display, error);
          status = RS_TOOL_EXIT_FAILED;
        }
      else if (json)
        {
          g_autoptr(GString) out = g_string_new ("{");

          rs_tool_json_member (out, "location");
          rs_tool_json_string (out, location.display);
          rs_tool_json_member (out, "size");
          g_string_append_printf (out, "%" G_GINT64_FORMAT, rs_folder_info_get_total_size (info));
          rs_tool_json_member (out, "files");
          g_string_append_printf (out, "%" G_GINT64_FORMAT, rs_folder_info_get_file_count (info));
          rs_tool_json_member (out, "modified");
          rs_tool_json_time (out, rs_folder_info_get_modified (info));
          g_string_append_c (out, '}');
          fputs (printed++ > 0 ? "," : "", stdout);
          fwrite (out->str, 1, out->len, stdout);
        }
      else
        {
          g_autofree char *size = rs_tool_format_size (rs_folder_info_get_total_size (info), human);

          printf ("%s\t%" G_GINT64_FORMAT "\t%s\n", size,
                  rs_folder_info_get_file_count (info), location.display);
        }
      rs_tool_location_clear (&location);
    }
  if (json && (many || printed > 0))
    fputs (many ? "]\n" : "\n", stdout);
  return status;
}
