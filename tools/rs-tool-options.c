/* rs-tool-options.c: the option context every command builds, gio-style */
#include "rs-tool.h"

#include <stdio.h>

GOptionContext *
rs_tool_context_new (const char   *command,
                     const char   *parameters,
                     const char   *summary,
                     GOptionEntry *entries)
{
  g_autofree char *prgname = g_strdup_printf ("remote-store %s", command);
  GOptionContext *context;

  /* The help text's "Usage:" line is built from the program name. */
  g_set_prgname (prgname);
  context = g_option_context_new (parameters);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Returns an exit status when the command is over (help shown, bad
 * options), or -1 when it should run. */
int
rs_tool_parse (GOptionContext *context,
               int            *argc,
               char         ***argv,
               gboolean        do_help)
{
  g_autoptr(GError) error = NULL;

  if (do_help)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      fputs (help, stdout);
      return RS_TOOL_EXIT_OK;
    }
  if (!g_option_context_parse (context, argc, argv, &error))
    return rs_tool_usage_error (context, error->message);
  return -1;
}

int
rs_tool_usage_error (GOptionContext *context,
                     const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("%s: %s\n\n%s", g_get_prgname (), message, help);
  return RS_TOOL_EXIT_USAGE;
}
