/* rs-cmd-ls.c: remote-store ls */
#include "rs-tool.h"

#include <stdio.h>

static gboolean long_format;
static gboolean recursive;
static gboolean human;
static gboolean json;
static int depth = -1;

static GOptionEntry entries[] = {
  { "long", 'l', 0, G_OPTION_ARG_NONE, &long_format, N_("Show type, size and modification time"), NULL },
  { "recursive", 'R', 0, G_OPTION_ARG_NONE, &recursive, N_("List folders recursively"), NULL },
  { "depth", 0, 0, G_OPTION_ARG_INT, &depth, N_("Descend at most DEPTH levels (implies -R)"), N_("DEPTH") },
  { "human-readable", 'H', 0, G_OPTION_ARG_NONE, &human, N_("Show sizes as KiB, MiB…"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
  G_OPTION_ENTRY_NULL
};

/* Depth first, one lazy enumerator open per level: memory grows with the
 * depth of the tree, never with its width. */
static gboolean
list_folder (RsToolEntryPrinter  *printer,
             RsStore             *store,
             const char          *key,
             const char          *shown,
             int                  levels_left,
             GError             **error)
{
  g_autoptr(RsEnumerator) children = rs_store_iter_children (store, key, NULL, error);
  RsEntry *entry;

  if (children == NULL)
    return FALSE;
  while ((entry = rs_enumerator_next (children, NULL, error)) != NULL)
    {
      g_autoptr(RsEntry) owned = entry;
      g_autofree char *child_shown = rs_tool_join_key (shown, rs_entry_get_name (entry));

      rs_tool_entries_print (printer, entry, child_shown);
      if (RS_IS_FOLDER_ENTRY (entry) && levels_left != 0 &&
          !list_folder (printer, store, rs_entry_get_path (entry), child_shown,
                        levels_left - 1, error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

/* "LOCATION:" above each listing when there are several, as ls. */
static gboolean
print_header (RsToolLocation *location,
              guint           index,
              gboolean        several)
{
  if (several && !json)
    printf ("%s%s:\n", index > 0 ? "\n" : "", location->display);
  return TRUE;
}

static gboolean
list_location (RsToolEntryPrinter  *printer,
               RsToolLocation      *location,
               GError             **error)
{
  g_autoptr(RsFileInfo) info = NULL;
  int levels = depth >= 0 ? depth : recursive ? -1 : 0;

  if (location->key[0] == '\0' || rs_store_is_folder (location->store, location->key, NULL, error))
    return list_folder (printer, location->store, location->key, "", levels, error);
  if (error != NULL && *error != NULL)
    return FALSE;
  /* A file lists as itself, as ls does. */
  info = rs_store_get_file_info (location->store, location->key, NULL, error);
  if (info == NULL)
    return FALSE;
  rs_tool_entries_print (printer, RS_ENTRY (info), location->display);
  return TRUE;
}

int
handle_ls (int argc, char *argv[], gboolean do_help)
{
  g_autoptr(GOptionContext) context = NULL;
  RsToolEntryPrinter printer = { 0 };
  const char *here[] = { ".", NULL };
  const char * const *locations;
  int status;

  context = rs_tool_context_new ("ls", _("[LOCATION…]"), _("List the files and folders of each LOCATION "
                                                          "(default: the current folder)."), entries);
  status = rs_tool_parse (context, &argc, &argv, do_help);
  if (status >= 0)
    return status;
  if (depth < -1)
    return rs_tool_usage_error (context, _("--depth must be 0 or more"));

  locations = argc > 1 ? (const char * const *) argv + 1 : here;
  printer.json = json;
  printer.long_format = long_format;
  printer.human = human;
  status = RS_TOOL_EXIT_OK;
  rs_tool_entries_begin (&printer);
  for (guint i = 0; locations[i] != NULL; i++)
    {
      RsToolLocation location = { 0 };
      g_autoptr(GError) error = NULL;

      if (!rs_tool_locate (&locations[i], 1, NULL, &location, &error) ||
          !print_header (&location, i, argc > 2) ||
          !list_location (&printer, &location, &error))
        {
          fflush (stdout);
          rs_tool_print_error (location.display, error);
          status = RS_TOOL_EXIT_FAILED;
        }
      rs_tool_location_clear (&location);
    }
  rs_tool_entries_end (&printer);
  return status;
}
