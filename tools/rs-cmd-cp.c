/* rs-cmd-cp.c: remote-store cp */
#include "rs-tool.h"

static RsToolCopyOptions options;
static int jobs = 8;

static GOptionEntry entries[] = {
  { "recursive", 'r', 0, G_OPTION_ARG_NONE, &options.recursive, N_("Copy folders and everything under them"), NULL },
  { "overwrite", 0, 0, G_OPTION_ARG_NONE, &options.overwrite, N_("Replace files that exist"), NULL },
  { "atomic", 0, 0, G_OPTION_ARG_NONE, &options.atomic,
    N_("Write each file so that no reader ever sees it half-written (fails where the store cannot)"), NULL },
  { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Transfer up to N files at once (default 8)"), N_("N") },
  { "transfers", 0, 0, G_OPTION_ARG_INT, &jobs, N_("The same as --jobs (as rclone)"), N_("N") },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &options.quiet, N_("Show no progress"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print a JSON summary"), NULL },
  G_OPTION_ENTRY_NULL
};

int
handle_cp (int argc, char *argv[], gboolean do_help)
{
  g_autoptr(GOptionContext) context = NULL;
  int status;

  context = rs_tool_context_new ("cp", _("SOURCE… DESTINATION"),
                                 _("Copy files, and folders with -r, from any store to any store. A destination that is an existing folder, or ends in “/”, receives the sources by name. A file is streamed, never held in memory."), entries);
  status = rs_tool_parse (context, &argc, &argv, do_help);
  if (status >= 0)
    return status;
  if (argc < 3)
    return rs_tool_usage_error (context, _("Give a source and a destination"));
  if (jobs < 1)
    return rs_tool_usage_error (context, _("--jobs must be 1 or more"));
  options.jobs = jobs;
  return rs_tool_copy (&options, argv + 1, argc - 2, argv[argc - 1]);
}
