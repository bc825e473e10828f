/* rs-memory-tree.c: an in-memory file tree, thread-safe
 *
 * Keys live in one GTree in byte order, so a folder's subtree is the range
 * [folder/, folder0) ('0' follows '/'): listings and recursive deletes are
 * range walks, and a page token is the last key returned. */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rs-memory-tree.h"

typedef struct
{
  gboolean folder;
  GBytes *data;
  GHashTable *metadata;
  GDateTime *modified;
  char *etag;
} Node;

struct _RsMemoryTree
{
  gatomicrefcount ref;
  GMutex lock;
  GTree *nodes;
  gboolean flat;
  guint64 generation;
};

static void
node_free (gpointer data)
{
  Node *node = data;

  g_clear_pointer (&node->data, g_bytes_unref);
  g_clear_pointer (&node->metadata, g_hash_table_unref);
  g_clear_pointer (&node->modified, g_date_time_unref);
  g_free (node->etag);
  g_free (node);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      unused)
{
  return strcmp (a, b);
}

RsMemoryTree *
rs_memory_tree_new (gboolean flat)
{
  RsMemoryTree *tree = g_new0 (RsMemoryTree, 1);

  g_atomic_ref_count_init (&tree->ref);
  g_mutex_init (&tree->lock);
  tree->nodes = g_tree_new_full (compare_keys, NULL, g_free, node_free);
  tree->flat = flat;
  return tree;
}

/* Named trees live as long as the process: `memory://NAME` opened twice,
 * at any time, sees the same files. */
RsMemoryTree *
rs_memory_tree_get_named (const char *name,
                          gboolean    flat)
{
  static GMutex named_lock;
  static GHashTable *named;
  RsMemoryTree *tree;

  g_mutex_lock (&named_lock);
  if (named == NULL)
    named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) rs_memory_tree_unref);
  tree = g_hash_table_lookup (named, name);
  if (tree == NULL)
    {
      tree = rs_memory_tree_new (flat);
      g_hash_table_insert (named, g_strdup (name), tree);
    }
  rs_memory_tree_ref (tree);
  g_mutex_unlock (&named_lock);
  return tree;
}

RsMemoryTree *
rs_memory_tree_ref (RsMemoryTree *tree)
{
  g_atomic_ref_count_inc (&tree->ref);
  return tree;
}

void
rs_memory_tree_unref (RsMemoryTree *tree)
{
  if (!g_atomic_ref_count_dec (&tree->ref))
    return;
  g_tree_unref (tree->nodes);
  g_mutex_clear (&tree->lock);
  g_free (tree);
}

gboolean
rs_memory_tree_is_flat (RsMemoryTree *tree)
{
  return tree->flat;
}

/* The first key at or after @key, or NULL. */
static GTreeNode *
seek (RsMemoryTree *tree,
      const char   *key)
{
  return g_tree_lower_bound (tree->nodes, key);
}

/* "a/b" → "a/b/" ; "" → "" (the root holds every key). */
static char *
subtree_prefix (const char *key)
{
  return key[0] != '\0' ? g_strconcat (key, "/", NULL) : g_strdup ("");
}

/* Where the subtree of @key ends: "a/b0" sorts just past every "a/b/…". */
static char *
subtree_end (const char *key)
{
  return g_strconcat (key, "0", NULL);
}

static gboolean
has_descendants (RsMemoryTree *tree,
                 const char   *key)
{
  g_autofree char *prefix = subtree_prefix (key);
  GTreeNode *node = seek (tree, prefix);

  return node != NULL && g_str_has_prefix (g_tree_node_key (node), prefix);
}

static RsEntry *
entry_for (const char *key,
           Node       *node)
{
  RsFileInfo *info;

  if (node == NULL || node->folder)
    return RS_ENTRY (rs_folder_entry_new (key));
  info = rs_fileinfo_new (key, g_bytes_get_size (node->data));
  rs_fileinfo_set_modified (info, node->modified);
  rs_fileinfo_set_etag (info, node->etag);
  rs_fileinfo_set_metadata (info, node->metadata);
  return RS_ENTRY (info);
}

static gboolean
not_found (GError **error)
{
  g_set_error_literal (error, RS_ERROR, RS_ERROR_NOT_FOUND, _("No such file or folder"));
  return FALSE;
}

RsEntry *
rs_memory_tree_stat (RsMemoryTree  *tree,
                     const char    *key,
                     GError       **error)
{
  RsEntry *entry = NULL;
  Node *node;

  g_mutex_lock (&tree->lock);
  node = key[0] != '\0' ? g_tree_lookup (tree->nodes, key) : NULL;
  if (key[0] == '\0' || node != NULL || (tree->flat && has_descendants (tree, key)))
    entry = entry_for (key, node);
  g_mutex_unlock (&tree->lock);
  if (entry == NULL)
    not_found (error);
  return entry;
}

/* A folder at @key (a folder node, or on a flat tree anything under
 * `key/`), whatever a file of that name does. */
RsEntry *
rs_memory_tree_stat_folder (RsMemoryTree  *tree,
                            const char    *key,
                            GError       **error)
{
  gboolean found;
  Node *node;

  g_mutex_lock (&tree->lock);
  node = key[0] != '\0' ? g_tree_lookup (tree->nodes, key) : NULL;
  found = key[0] == '\0' || (node != NULL && node->folder) || (tree->flat && has_descendants (tree, key));
  g_mutex_unlock (&tree->lock);
  if (!found)
    {
      not_found (error);
      return NULL;
    }
  return RS_ENTRY (rs_folder_entry_new (key));
}

GBytes *
rs_memory_tree_get (RsMemoryTree  *tree,
                    const char    *key,
                    GError       **error)
{
  GBytes *data = NULL;
  Node *node;

  g_mutex_lock (&tree->lock);
  node = g_tree_lookup (tree->nodes, key);
  if (node != NULL && !node->folder)
    data = g_bytes_ref (node->data);
  g_mutex_unlock (&tree->lock);
  if (data == NULL)
    {
      if (node != NULL)
        g_set_error_literal (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("Is a folder"));
      else
        not_found (error);
    }
  return data;
}

/* Checks that @key may receive a file and creates its parent folders
 * (hierarchical trees). Call with the lock held. */
static gboolean
prepare_file_locked (RsMemoryTree  *tree,
                     const char    *key,
                     gboolean       create_only,
                     GError       **error)
{
  Node *node = g_tree_lookup (tree->nodes, key);
  g_auto(GStrv) segments = NULL;
  GString *ancestor;

  if (node != NULL && node->folder)
    {
      g_set_error_literal (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("Is a folder"));
      return FALSE;
    }
  if (node != NULL && create_only)
    {
      g_set_error_literal (error, RS_ERROR, RS_ERROR_ALREADY_EXISTS, _("File exists"));
      return FALSE;
    }
  if (tree->flat)
    return TRUE;

  segments = g_strsplit (key, "/", -1);
  ancestor = g_string_new (NULL);
  for (guint i = 0; segments[i + 1] != NULL; i++)
    {
      Node *parent;

      if (i > 0)
        g_string_append_c (ancestor, '/');
      g_string_append (ancestor, segments[i]);
      parent = g_tree_lookup (tree->nodes, ancestor->str);
      if (parent != NULL && !parent->folder)
        {
          g_set_error_literal (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("An ancestor is a file"));
          g_string_free (ancestor, TRUE);
          return FALSE;
        }
    }
  /* Only now create the missing folders: a refusal changes nothing. */
  g_string_truncate (ancestor, 0);
  for (guint i = 0; segments[i + 1] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (ancestor, '/');
      g_string_append (ancestor, segments[i]);
      if (g_tree_lookup (tree->nodes, ancestor->str) == NULL)
        {
          Node *folder = g_new0 (Node, 1);

          folder->folder = TRUE;
          g_tree_insert (tree->nodes, g_strdup (ancestor->str), folder);
        }
    }
  g_string_free (ancestor, TRUE);
  return TRUE;
}

static Node *
new_file_locked (RsMemoryTree *tree,
                 GBytes       *data,
                 GHashTable   *metadata)
{
  Node *node = g_new0 (Node, 1);
  GHashTableIter iter;
  gpointer k, v;

  node->data = g_bytes_ref (data);
  node->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (metadata != NULL)
    {
      g_hash_table_iter_init (&iter, metadata);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_insert (node->metadata, g_strdup (k), g_strdup (v));
    }
  node->modified = g_date_time_new_now_utc ();
  node->etag = g_strdup_printf ("\"%" G_GUINT64_FORMAT "\"", ++tree->generation);
  return node;
}

static RsWriteResult *
result_for (const char *key,
            Node       *node)
{
  RsWriteResult *result = rs_write_result_new (key, g_bytes_get_size (node->data),
                                               RS_RESULT_SOURCE_NATIVE);

  rs_write_result_set_etag (result, node->etag);
  rs_write_result_set_last_modified (result, node->modified);
  return result;
}

RsWriteResult *
rs_memory_tree_put (RsMemoryTree  *tree,
                    const char    *key,
                    GBytes        *data,
                    GHashTable    *metadata,
                    gboolean       create_only,
                    GError       **error)
{
  RsWriteResult *result = NULL;
  Node *node;

  g_mutex_lock (&tree->lock);
  if (prepare_file_locked (tree, key, create_only, error))
    {
      node = new_file_locked (tree, data, metadata);
      g_tree_replace (tree->nodes, g_strdup (key), node);
      result = result_for (key, node);
    }
  g_mutex_unlock (&tree->lock);
  return result;
}

gboolean
rs_memory_tree_delete_file (RsMemoryTree  *tree,
                            const char    *key,
                            GError       **error)
{
  gboolean ok = FALSE;
  Node *node;

  g_mutex_lock (&tree->lock);
  node = g_tree_lookup (tree->nodes, key);
  if (node == NULL)
    not_found (error);
  else if (node->folder)
    g_set_error_literal (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("Is a folder"));
  else
    ok = g_tree_remove (tree->nodes, key);
  g_mutex_unlock (&tree->lock);
  return ok;
}

/* Removes every key under @key. Call with the lock held. */
static void
remove_subtree_locked (RsMemoryTree *tree,
                       const char   *key)
{
  g_autofree char *prefix = subtree_prefix (key);
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_free);

  for (GTreeNode *node = seek (tree, prefix);
       node != NULL && g_str_has_prefix (g_tree_node_key (node), prefix);
       node = g_tree_node_next (node))
    g_ptr_array_add (doomed, g_strdup (g_tree_node_key (node)));
  for (guint i = 0; i < doomed->len; i++)
    g_tree_remove (tree->nodes, g_ptr_array_index (doomed, i));
}

gboolean
rs_memory_tree_delete_folder (RsMemoryTree  *tree,
                              const char    *key,
                              gboolean       recursive,
                              GError       **error)
{
  gboolean ok = TRUE;
  Node *node;

  g_mutex_lock (&tree->lock);
  node = g_tree_lookup (tree->nodes, key);
  if (node != NULL && !node->folder)
    {
      g_set_error_literal (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("Is a file"));
      ok = FALSE;
    }
  else if (node == NULL && !(tree->flat && has_descendants (tree, key)))
    ok = not_found (error);
  else if (!recursive && has_descendants (tree, key))
    {
      g_set_error_literal (error, RS_ERROR, RS_ERROR_DIRECTORY_NOT_EMPTY, _("Folder not empty"));
      ok = FALSE;
    }
  else
    {
      remove_subtree_locked (tree, key);
      if (node != NULL)
        g_tree_remove (tree->nodes, key);
    }
  g_mutex_unlock (&tree->lock);
  return ok;
}

/* Tokens say where to resume: "F<key>" after a file (resume past it),
 * "D<key>" after a folder (resume past its whole subtree). */
GPtrArray *
rs_memory_tree_list (RsMemoryTree  *tree,
                     const char    *prefix,
                     gboolean       recursive,
                     const char    *token,
                     guint          page_size,
                     char         **next_token)
{
  GPtrArray *page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *start = NULL;
  g_autofree char *skip = NULL;
  g_autofree char *pfx = subtree_prefix (prefix);
  gsize pfx_len = strlen (pfx);
  GTreeNode *node;

  *next_token = NULL;
  if (token != NULL && token[0] == 'D')
    start = subtree_end (token + 1);
  else if (token != NULL && token[0] == 'F')
    {
      start = g_strdup (token + 1);
      skip = g_strdup (token + 1);
    }
  else
    start = g_strdup (pfx);

  g_mutex_lock (&tree->lock);
  node = seek (tree, start);
  while (node != NULL)
    {
      const char *key = g_tree_node_key (node);
      Node *value = g_tree_node_value (node);
      const char *slash;

      if (!g_str_has_prefix (key, pfx))
        break;
      if (skip != NULL && strcmp (key, skip) == 0)
        {
          node = g_tree_node_next (node);
          continue;
        }
      if (page->len == page_size)
        {
          RsEntry *last = g_ptr_array_index (page, page->len - 1);

          *next_token = g_strconcat (RS_IS_FOLDER_ENTRY (last) ? "D" : "F",
                                     rs_entry_get_path (last), NULL);
          break;
        }
      slash = strchr (key + pfx_len, '/');
      if (recursive)
        {
          if (!value->folder)
            g_ptr_array_add (page, entry_for (key, value));
          node = g_tree_node_next (node);
        }
      else if (slash != NULL)
        {
          /* Deeper than a child: on a flat tree it reveals a child folder
           * (a hierarchical tree already listed its node); skip the rest
           * of that subtree either way. */
          g_autofree char *child = g_strndup (key, slash - key);
          g_autofree char *end = subtree_end (child);

          if (tree->flat)
            g_ptr_array_add (page, RS_ENTRY (rs_folder_entry_new (child)));
          node = seek (tree, end);
        }
      else
        {
          g_ptr_array_add (page, entry_for (key, value));
          node = g_tree_node_next (node);
        }
    }
  g_mutex_unlock (&tree->lock);
  return page;
}

gboolean
rs_memory_tree_transfer (RsMemoryTree  *tree,
                         const char    *source,
                         const char    *destination,
                         gboolean       overwrite,
                         gboolean       remove_source,
                         GError       **error)
{
  gboolean ok = FALSE;
  Node *node;

  g_mutex_lock (&tree->lock);
  node = g_tree_lookup (tree->nodes, source);
  if (node == NULL)
    not_found (error);
  else if (node->folder)
    g_set_error_literal (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("Is a folder"));
  else if (prepare_file_locked (tree, destination, !overwrite, error))
    {
      Node *copy = new_file_locked (tree, node->data, node->metadata);

      /* Both changes happen under the lock: no reader sees a middle state. */
      g_tree_replace (tree->nodes, g_strdup (destination), copy);
      if (remove_source)
        g_tree_remove (tree->nodes, source);
      ok = TRUE;
    }
  g_mutex_unlock (&tree->lock);
  return ok;
}

RsFolderInfo *
rs_memory_tree_folder_stats (RsMemoryTree *tree,
                             const char   *key)
{
  g_autofree char *prefix = subtree_prefix (key);
  GDateTime *latest = NULL;
  gint64 count = 0, size = 0;
  RsFolderInfo *info;

  g_mutex_lock (&tree->lock);
  for (GTreeNode *node = seek (tree, prefix);
       node != NULL && g_str_has_prefix (g_tree_node_key (node), prefix);
       node = g_tree_node_next (node))
    {
      Node *value = g_tree_node_value (node);

      if (value->folder)
        continue;
      count++;
      size += g_bytes_get_size (value->data);
      if (latest == NULL || g_date_time_compare (value->modified, latest) > 0)
        latest = value->modified;
    }
  info = rs_folder_info_new (key, count, size, latest);
  g_mutex_unlock (&tree->lock);
  return info;
}
