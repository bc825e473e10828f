/* remote-store.c: the entry point and the command table, as the gio tool */
#include "rs-tool.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static const RsToolCommand commands[] = {
  { "ls", handle_ls, N_("List files and folders") },
  { "cat", handle_cat, N_("Write files to standard output") },
  { "put", handle_put, N_("Upload a local file or standard input") },
  { "get", handle_get, N_("Download a file to a local path or standard output") },
  { "cp", handle_cp, N_("Copy files or folders, from any store to any store") },
  { "mv", handle_mv, N_("Move files or folders") },
  { "rm", handle_rm, N_("Delete files or folders") },
  { "stat", handle_stat, N_("Show what is known about a file or folder") },
  { "du", handle_du, N_("Show the size and file count of folders") },
  { "glob", handle_glob, N_("List the files matching a pattern") },
  { "plugins", handle_plugins, N_("List plugins, schemes, capabilities and options") },
};

static const RsToolCommand *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static int
usage (FILE *out,
       int   status)
{
  fprintf (out, "%s\n", _("Usage:"));
  fprintf (out, "  remote-store %s\n\n", _("COMMAND [ARGUMENT…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("A location is a URI (scheme://…), NAME:path for a store of the\n"
                            "configuration file, or a local path."));
  fprintf (out, "%s\n", _("Use “remote-store help COMMAND” to get detailed help."));
  return status;
}

int
main (int   argc,
      char *argv[])
{
  const RsToolCommand *command;
  const char *name;
  gboolean do_help = FALSE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, RS_TOOL_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return usage (stderr, RS_TOOL_EXIT_USAGE);
  name = argv[1];
  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0)
    return usage (stdout, RS_TOOL_EXIT_OK);
  if (strcmp (name, "--version") == 0 || strcmp (name, "version") == 0)
    {
      printf ("remote-store %s\n", RS_TOOL_VERSION);
      return RS_TOOL_EXIT_OK;
    }
  if (strcmp (name, "help") == 0)
    {
      if (argc < 3)
        return usage (stdout, RS_TOOL_EXIT_OK);
      name = argv[2];
      do_help = TRUE;
    }
  command = find_command (name);
  if (command == NULL)
    {
      g_printerr (_("remote-store: unknown command “%s”\n\n"), name);
      return usage (stderr, RS_TOOL_EXIT_USAGE);
    }
  /* The command sees itself as argv[0]. */
  return command->handler (argc - 1, argv + 1, do_help);
}
