/* rs-cmd-rm.c: remote-store rm */
#include "rs-tool.h"

#include <stdio.h>

static gboolean recursive;
static gboolean force;
static gboolean json;

static GOptionEntry entries[] = {
  { "recursive", 'r', 0, G_OPTION_ARG_NONE, &recursive, N_("Delete folders and everything under them"), NULL },
  { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("A missing location is not an error"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON summary"), NULL },
  G_OPTION_ENTRY_NULL
};

static gboolean
remove_location (RsToolLocation  *location,
                 GError         **error)
{
  RsDeleteFlags flags = force ? RS_DELETE_MISSING_OK : RS_DELETE_NONE;

  /* Without -r the store refuses a folder itself, with its own message. */
  if (recursive && rs_store_is_folder (location->store, location->key, NULL, error))
    return rs_store_delete_folder (location->store, location->key, flags | RS_DELETE_RECURSIVE,
                                   NULL, error);
  if (*error != NULL)
    return FALSE;
  return rs_store_delete (location->store, location->key, flags, NULL, error);
}

int
handle_rm (int argc, char *argv[], gboolean do_help)
{
  g_autoptr(GOptionContext) context = NULL;
  guint deleted = 0, failed = 0;
  int status;

  context = rs_tool_context_new ("rm", _("LOCATION…"), _("Delete files, or folders with -r."), entries);
  status = rs_tool_parse (context, &argc, &argv, do_help);
  if (status >= 0)
    return status;
  if (argc < 2)
    return rs_tool_usage_error (context, _("No location given"));

  for (int i = 1; i < argc; i++)
    {
      RsToolLocation location = { 0 };
      g_autoptr(GError) error = NULL;

      if (!rs_tool_locate ((const char * const *) &argv[i], 1, NULL, &location, &error) ||
          !remove_location (&location, &error))
        {
          rs_tool_print_error (location.display, error);
          failed++;
        }
      else
        deleted++;
      rs_tool_location_clear (&location);
    }
  if (json)
    printf ("{\"deleted\":%u,\"failed\":%u}\n", deleted, failed);
  return failed > 0 ? RS_TOOL_EXIT_FAILED : RS_TOOL_EXIT_OK;
}
