/* rs-cmd-cat.c: remote-store cat */
#include "rs-tool.h"

#include <gio/gunixoutputstream.h>
#include <unistd.h>

#define CAT_CHUNK (256 * 1024)

static GOptionEntry entries[] = {
  G_OPTION_ENTRY_NULL
};

/* Streams one file to @out, a chunk at a time. */
static gboolean
cat_location (RsToolLocation  *location,
              GOutputStream   *out,
              guint8          *buffer,
              GError         **error)
{
  g_autoptr(GInputStream) in = rs_store_read (location->store, location->key, NULL, error);
  gssize n;

  if (in == NULL)
    return FALSE;
  while ((n = g_input_stream_read (in, buffer, CAT_CHUNK, NULL, error)) > 0)
    if (!g_output_stream_write_all (out, buffer, n, NULL, NULL, error))
      return FALSE;
  return n == 0 && g_input_stream_close (in, NULL, error);
}

int
handle_cat (int argc, char *argv[], gboolean do_help)
{
  g_autoptr(GOptionContext) context = NULL;
  int status;

  context = rs_tool_context_new ("cat", _("LOCATION…"),
                                 _("Write the content of each file to standard output."), entries);
  status = rs_tool_parse (context, &argc, &argv, do_help);
  if (status >= 0)
    return status;
  if (argc < 2)
    return rs_tool_usage_error (context, _("No location given"));

  return rs_tool_cat ((const char * const *) argv + 1, argc - 1);
}

/* Also `get LOCATION -`. */
int
rs_tool_cat (const char * const *locations,
             guint               n_locations)
{
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  g_autofree guint8 *buffer = g_malloc (CAT_CHUNK);
  int status = RS_TOOL_EXIT_OK;

  for (guint i = 0; i < n_locations; i++)
    {
      RsToolLocation location = { 0 };
      g_autoptr(GError) error = NULL;

      if (!rs_tool_locate (&locations[i], 1, NULL, &location, &error) ||
          !cat_location (&location, out, buffer, &error))
        {
          rs_tool_print_error (location.display, error);
          status = RS_TOOL_EXIT_FAILED;
        }
      rs_tool_location_clear (&location);
    }
  return status;
}
