/* rs-lister.c: the listing engine behind every enumeration */
#include "config.h"

#include "rs-lister.h"

typedef struct
{
  char *key;
  int depth;
} RsListerFolder;

static void
folder_free (gpointer data)
{
  RsListerFolder *folder = data;

  g_free (folder->key);
  g_free (folder);
}

static void
push_folder (RsLister   *lister,
             const char *key,
             int         depth)
{
  RsListerFolder *folder = g_new (RsListerFolder, 1);

  folder->key = g_strdup (key);
  folder->depth = depth;
  g_queue_push_tail (&lister->todo, folder);
}

/* @glob, when given, is taken; the walk starts at @path, a normalised
 * store path. */
void
rs_lister_init (RsLister   *lister,
                RsStore    *store,
                const char *path,
                gboolean    files,
                gboolean    folders,
                int         max_depth,
                const char *pattern,
                char      **glob)
{
  memset (lister, 0, sizeof *lister);
  lister->store = g_object_ref (store);
  lister->files = files;
  lister->folders = folders;
  lister->max_depth = max_depth;
  lister->backend_recursive = files && !folders && max_depth < 0;
  lister->base_key = rs_store_key (store, path);
  lister->pattern = pattern != NULL && pattern[0] != '\0' ? g_strdup (pattern) : NULL;
  lister->glob = glob;
  g_queue_init (&lister->todo);
  g_queue_init (&lister->ready);
  push_folder (lister, lister->base_key, 0);
}

void
rs_lister_clear (RsLister *lister)
{
  g_queue_clear_full (&lister->todo, folder_free);
  g_queue_clear_full (&lister->ready, g_object_unref);
  g_clear_pointer (&lister->cur_key, g_free);
  g_clear_pointer (&lister->token, g_free);
  g_clear_pointer (&lister->base_key, g_free);
  g_clear_pointer (&lister->pattern, g_free);
  g_clear_pointer (&lister->glob, g_strfreev);
  g_clear_object (&lister->store);
}

RsEntry *
rs_lister_pop (RsLister *lister)
{
  return g_queue_pop_head (&lister->ready);
}

/* Prepares the next page request in op->call; FALSE when the walk is over. */
gboolean
rs_lister_prepare (RsLister *lister,
                   RsOp     *op)
{
  if (lister->done)
    return FALSE;
  if (lister->cur_key == NULL)
    {
      RsListerFolder *next = g_queue_pop_head (&lister->todo);

      if (next == NULL)
        {
          lister->done = TRUE;
          return FALSE;
        }
      lister->cur_key = g_steal_pointer (&next->key);
      lister->cur_depth = next->depth;
      lister->cur_has_page = FALSE;
      folder_free (next);
    }
  rs_op_call_key (op, op->state, RS_CALL_LIST_PAGE, lister->cur_key);
  op->call.recursive = lister->backend_recursive;
  op->call.token = lister->token;
  return TRUE;
}

static gboolean
name_matches (RsLister *lister,
              RsEntry  *entry)
{
  if (lister->pattern != NULL &&
      !rs_pattern_match_segment (lister->pattern, rs_entry_get_name (entry)))
    return FALSE;
  return TRUE;
}

static void
take_file (RsLister   *lister,
           RsEntry    *entry,
           const char *below,
           const char *path)
{
  int depth = lister->backend_recursive
    ? (int) rs_path_count_segments (below) - 1 + lister->cur_depth
    : lister->cur_depth;

  if (!lister->files || (lister->max_depth >= 0 && depth > lister->max_depth))
    return;
  if (lister->glob != NULL ? !rs_glob_match (lister->glob, path) : !name_matches (lister, entry))
    return;
  rs_entry_set_path (entry, path);
  g_queue_push_tail (&lister->ready, g_object_ref (entry));
}

static void
take_folder (RsLister   *lister,
             RsEntry    *entry,
             const char *key,
             const char *path)
{
  if (lister->backend_recursive)
    return;
  if (lister->max_depth < 0 || lister->cur_depth + 1 <= lister->max_depth)
    if (lister->glob == NULL || rs_glob_may_contain (lister->glob, path))
      push_folder (lister, key, lister->cur_depth + 1);
  if (lister->folders && name_matches (lister, entry))
    {
      rs_entry_set_path (entry, path);
      g_queue_push_tail (&lister->ready, g_object_ref (entry));
    }
}

/* Takes the page in op->call; FALSE with op->error on failure. */
gboolean
rs_lister_consume (RsLister *lister,
                   RsOp     *op)
{
  RsCall *call = &op->call;

  if (call->error != NULL)
    {
      gboolean gone = rs_call_failed_with (call, RS_ERROR_NOT_FOUND) ||
                      rs_call_failed_with (call, RS_ERROR_INVALID_PATH);

      if (!gone || lister->cur_has_page)
        {
          const char *path = rs_store_path_for_key (lister->store, lister->cur_key);
          rs_op_fail_call (op, path != NULL ? path : lister->cur_key);
          return FALSE;
        }
      g_clear_error (&call->error);
      g_clear_pointer (&lister->cur_key, g_free);
      g_clear_pointer (&lister->token, g_free);
      return TRUE;
    }

  for (guint i = 0; i < call->entries->len; i++)
    {
      RsEntry *entry = g_ptr_array_index (call->entries, i);
      g_autofree char *key = g_strdup (rs_entry_get_path (entry));
      const char *below = rs_path_strip_base (lister->cur_key, key);
      const char *path;

      /* Strictly under the folder: "data" never lists "data2/x". */
      if (below == NULL || below[0] == '\0')
        continue;
      path = rs_store_path_for_key (lister->store, key);
      if (path == NULL)
        continue;
      if (RS_IS_FILE_INFO (entry))
        take_file (lister, entry, below, path);
      else if (RS_IS_FOLDER_ENTRY (entry))
        take_folder (lister, entry, key, path);
    }

  lister->cur_has_page = TRUE;
  g_free (lister->token);
  lister->token = g_steal_pointer (&call->next_token);
  if (lister->token == NULL)
    g_clear_pointer (&lister->cur_key, g_free);
  g_clear_pointer (&call->entries, g_ptr_array_unref);
  return TRUE;
}
