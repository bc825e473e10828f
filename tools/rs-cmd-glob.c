/* rs-cmd-glob.c: remote-store glob */
#include "rs-tool.h"

static gboolean long_format;
static gboolean human;
static gboolean json;

static GOptionEntry entries[] = {
  { "long", 'l', 0, G_OPTION_ARG_NONE, &long_format, N_("Show size and modification time"), NULL },
  { "human-readable", 'H', 0, G_OPTION_ARG_NONE, &human, N_("Show sizes as KiB, MiB…"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
  G_OPTION_ENTRY_NULL
};

static gboolean
glob_location (RsToolEntryPrinter  *printer,
               RsToolLocation      *location,
               const char          *pattern,
               GError             **error)
{
  /* Match below the folder the user named, and show paths from there. */
  g_autoptr(RsStore) folder = rs_store_child (location->store, location->key, error);
  g_autoptr(RsEnumerator) hits = NULL;
  RsEntry *entry;

  if (folder == NULL)
    return FALSE;
  hits = rs_store_glob (folder, pattern, NULL, error);
  if (hits == NULL)
    return FALSE;
  while ((entry = rs_enumerator_next (hits, NULL, error)) != NULL)
    {
      rs_tool_entries_print (printer, entry, rs_entry_get_path (entry));
      g_object_unref (entry);
    }
  return *error == NULL;
}

int
handle_glob (int argc, char *argv[], gboolean do_help)
{
  g_autoptr(GOptionContext) context = NULL;
  RsToolEntryPrinter printer = { 0 };
  RsToolLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  context = rs_tool_context_new ("glob", _("LOCATION PATTERN"),
                                 _("List the files under LOCATION whose path matches PATTERN: "
                                   "“*” and “?” stay within a folder, “**” spans folders, "
                                   "“[…]” is a class."), entries);
  status = rs_tool_parse (context, &argc, &argv, do_help);
  if (status >= 0)
    return status;
  if (argc != 3)
    return rs_tool_usage_error (context, _("Give a location and a pattern"));

  printer.json = json;
  printer.long_format = long_format;
  printer.human = human;
  status = RS_TOOL_EXIT_OK;
  rs_tool_entries_begin (&printer);
  if (!rs_tool_locate ((const char * const *) &argv[1], 1, NULL, &location, &error) ||
      !glob_location (&printer, &location, argv[2], &error))
    {
      rs_tool_print_error (location.display, error);
      status = RS_TOOL_EXIT_FAILED;
    }
  rs_tool_entries_end (&printer);
  rs_tool_location_clear (&location);
  return status;
}
