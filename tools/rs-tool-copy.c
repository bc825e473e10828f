/* rs-tool-copy.c: cp, mv, put and get, from any store to any store
 *
 * Sources and the destination are located together, so that two
 * locations on one backend share one store and a copy or move between
 * them is the store's own (native where the backend has it). Otherwise a
 * file streams from a read into a write. A destination that is an
 * existing folder (or ends in "/") receives the sources by name, as cp. */
#include "rs-tool.h"
#include "rs-tool-transfer.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <gio/gunixinputstream.h>

typedef struct
{
  const RsToolCopyOptions *options;
  RsToolProgress *progress;
  RsToolTransferOptions transfer;
  guint64 files;
  gint64 bytes;
  guint failures;
} Copy;

static gboolean
is_inside (const char *key,
           const char *folder)
{
  gsize length = strlen (folder);

  return length == 0 || strcmp (key, folder) == 0 ||
         (strncmp (key, folder, length) == 0 && key[length] == '/');
}

static void
run (Copy           *copy,
     RsToolTransfer *transfer)
{
  copy->failures += rs_tool_transfer_run (transfer);
  copy->files += rs_tool_transfer_get_files (transfer);
  copy->bytes += rs_tool_transfer_get_bytes (transfer);
}

static void
fail (Copy       *copy,
      const char *location,
      GError     *error)
{
  rs_tool_print_error (location, error);
  g_error_free (error);
  copy->failures++;
}

static void
copy_stdin (Copy           *copy,
            RsToolLocation *destination,
            gboolean        into_folder)
{
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(RsToolTransfer) transfer = NULL;

  if (into_folder)
    {
      fail (copy, destination->display,
            g_error_new (RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                         _("Standard input needs a file name, and “%s” is a folder"),
                         destination->display));
      return;
    }
  in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  transfer = rs_tool_transfer_new (NULL, destination->store, &copy->transfer, copy->progress);
  rs_tool_transfer_add_stream (transfer, in, _("standard input"), destination->key);
  run (copy, transfer);
}

static void
copy_folder (Copy           *copy,
             RsToolLocation *source,
             RsToolLocation *destination,
             const char     *target)
{
  g_autoptr(RsToolTransfer) transfer = NULL;
  g_autoptr(RsEnumerator) files = NULL;
  GError *error = NULL;
  guint failures_before = copy->failures;

  if (!copy->options->recursive && !copy->options->move)
    {
      fail (copy, source->display,
            g_error_new (RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                         _("“%s” is a folder (use -r to copy folders)"), source->display));
      return;
    }
  if (source->store == destination->store && is_inside (target, source->key))
    {
      fail (copy, source->display,
            g_error_new (RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                         _("Cannot copy the folder “%s” into itself (“%s”)"),
                         source->display, destination->display));
      return;
    }
  files = rs_store_list_files (source->store, source->key, RS_LIST_RECURSIVE, NULL, -1,
                               NULL, &error);
  if (files == NULL)
    {
      fail (copy, source->display, error);
      return;
    }
  transfer = rs_tool_transfer_new (source->store, destination->store, &copy->transfer,
                                   copy->progress);
  rs_tool_transfer_add_tree (transfer, files, source->key, target);
  run (copy, transfer);
  /* A moved folder goes once everything under it has moved. */
  if (copy->options->move && copy->failures == failures_before && source->key[0] != '\0' &&
      !rs_store_delete_folder (source->store, source->key,
                               RS_DELETE_RECURSIVE | RS_DELETE_MISSING_OK, NULL, &error))
    fail (copy, source->display, error);
}

static void
copy_file (Copy           *copy,
           RsToolLocation *source,
           RsToolLocation *destination,
           const char     *target)
{
  g_autoptr(RsToolTransfer) transfer = NULL;
  g_autoptr(RsFileInfo) info = NULL;
  GError *error = NULL;

  info = rs_store_get_file_info (source->store, source->key, NULL, &error);
  if (info == NULL)
    {
      fail (copy, source->display, error);
      return;
    }
  transfer = rs_tool_transfer_new (source->store, destination->store, &copy->transfer,
                                   copy->progress);
  rs_tool_transfer_add_file (transfer, source->key, target, rs_fileinfo_get_size (info),
                             rs_fileinfo_get_metadata (info));
  run (copy, transfer);
}

static void
copy_one (Copy           *copy,
          RsToolLocation *source,
          RsToolLocation *destination,
          gboolean        into_folder)
{
  g_autofree char *target = NULL;
  GError *error = NULL;
  gboolean is_folder;

  is_folder = source->key[0] == '\0' ||
              rs_store_is_folder (source->store, source->key, NULL, &error);
  if (error != NULL)
    {
      fail (copy, source->display, error);
      return;
    }
  target = into_folder ? rs_tool_join_key (destination->key, rs_tool_basename (source->key))
                       : g_strdup (destination->key);
  if (is_folder)
    copy_folder (copy, source, destination, target);
  else
    copy_file (copy, source, destination, target);
}

static void
print_summary (Copy *copy)
{
  if (!copy->options->json)
    return;
  printf ("{\"files\":%" G_GUINT64_FORMAT ",\"bytes\":%" G_GINT64_FORMAT ",\"failed\":%u}\n",
          copy->files, copy->bytes, copy->failures);
}

int
rs_tool_copy (const RsToolCopyOptions *options,
              char                   **sources,
              guint                    n_sources,
              const char              *destination)
{
  g_autofree const char **names = g_new0 (const char *, n_sources + 1);
  g_autofree gboolean *plain = g_new0 (gboolean, n_sources + 1);
  g_autofree RsToolLocation *locations = g_new0 (RsToolLocation, n_sources + 1);
  g_autoptr(RsToolProgress) progress = NULL;
  RsToolLocation *target;
  Copy copy = { options };
  GError *error = NULL;
  gboolean into_folder;
  guint n_named = 0, next_named = 0;

  /* "-" is standard input as a source; every other name is located,
   * all together so that locations on one backend share a store. */
  for (guint i = 0; i < n_sources; i++)
    if (strcmp (sources[i], "-") != 0)
      {
        plain[n_named] = options->sources_are_local;
        names[n_named++] = sources[i];
      }
  names[n_named] = destination;
  plain[n_named] = options->destination_is_local;
  if (!rs_tool_locate (names, n_named + 1, plain, locations, &error))
    return rs_tool_fail (NULL, error);
  target = &locations[n_named];

  copy.transfer.move = options->move;
  copy.transfer.jobs = options->jobs > 0 ? (guint) options->jobs : 8;
  copy.transfer.write_flags = (options->overwrite ? RS_WRITE_OVERWRITE : RS_WRITE_NONE) |
                              (options->atomic ? RS_WRITE_ATOMIC : RS_WRITE_NONE);
  progress = rs_tool_progress_new (!options->quiet && !options->json);
  copy.progress = progress;

  into_folder = g_str_has_suffix (destination, "/") || target->key[0] == '\0' ||
                rs_store_is_folder (target->store, target->key, NULL, &error);
  if (error != NULL)
    fail (&copy, target->display, error);
  else if (n_sources > 1 && !into_folder)
    fail (&copy, target->display,
          g_error_new (RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a folder, and there are several sources"), target->display));
  else
    for (guint i = 0; i < n_sources && !g_cancellable_is_cancelled (rs_tool_cancellable ()); i++)
      {
        if (strcmp (sources[i], "-") == 0)
          copy_stdin (&copy, target, into_folder);
        else
          copy_one (&copy, &locations[next_named++], target, into_folder);
      }

  print_summary (&copy);
  for (guint i = 0; i <= n_named; i++)
    rs_tool_location_clear (&locations[i]);
  return copy.failures > 0 ? RS_TOOL_EXIT_FAILED : RS_TOOL_EXIT_OK;
}
