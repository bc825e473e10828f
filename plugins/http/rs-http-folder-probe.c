/* rs-http-folder-probe.c: "is this key a folder?" for many keys at once
 *
 * On a flat namespace a write first asks whether its key is a folder
 * (SEMANTICS.md 8), which costs one listing per write. Writes that arrive
 * together usually share a parent, so the probes of one parent go out as
 * one listing: the first probe of an idle parent is sent alone (prefix
 * "key/", one name); probes arriving while it is in flight wait and go as
 * the next listing, of the common prefix of their keys with delimiter '/',
 * starting after the smallest key, one page about the batch's size (a
 * folder holding many names between the batch's keys truncates it: the
 * keys past the page are then probed alone).
 * Each listing is sent after every probe it answers was asked, so no
 * answer predates its question.
 *
 * The next listing is sent from the context of one of its own probes:
 * that context is iterated until the probe completes (a sync caller's
 * private context would not be, once its own probe is answered). */
#include <string.h>

#include "rs-http.h"

/* The largest page a batch asks for (S3's largest). */
#define RS_HTTP_FOLDER_PAGE 1000

struct _RsHttpFolderProbe
{
  const RsHttpFolderLister *lister;
  GObject *owner;
  GMutex lock;
  GHashTable *parents;          /* parent prefix → Parent */
};

/* The probes of one parent: at most one listing in flight, the others
 * waiting for the next. */
typedef struct
{
  char *prefix;                 /* "" or "a/b/" */
  GPtrArray *waiting;           /* GTask, key as task data */
} Parent;

typedef struct
{
  RsHttpFolderProbe *probe;
  GObject *owner;               /* kept alive while the listing is out */
  char *parent;
  GPtrArray *members;           /* GTask */
} Batch;

static void batch_send (Batch *batch);

/* ---- what a lister gives back --------------------------------------------- */

typedef struct
{
  GPtrArray *names;
  gboolean truncated;
} Names;

static void
names_free (gpointer data)
{
  Names *names = data;

  g_ptr_array_unref (names->names);
  g_free (names);
}

void
rs_http_folder_names_return (GTask     *task,
                             GPtrArray *names,
                             gboolean   truncated)
{
  Names *result = g_new0 (Names, 1);

  result->names = names;
  result->truncated = truncated;
  g_task_return_pointer (task, result, names_free);
}

static GPtrArray *
names_propagate (GAsyncResult  *result,
                 gboolean      *truncated,
                 GError       **error)
{
  Names *names = g_task_propagate_pointer (G_TASK (result), error);
  GPtrArray *list;

  if (names == NULL)
    return NULL;
  list = g_ptr_array_ref (names->names);
  *truncated = names->truncated;
  names_free (names);
  return list;
}

static void
parent_free (gpointer data)
{
  Parent *parent = data;

  g_free (parent->prefix);
  g_ptr_array_unref (parent->waiting);
  g_free (parent);
}

static void
batch_free (Batch *batch)
{
  g_free (batch->parent);
  g_ptr_array_unref (batch->members);
  g_clear_object (&batch->owner);
  g_free (batch);
}

static Batch *
batch_new (RsHttpFolderProbe *probe,
           const char        *parent,
           GPtrArray         *members)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->probe = probe;
  batch->owner = g_object_ref (probe->owner);
  batch->parent = g_strdup (parent);
  batch->members = members;
  return batch;
}

RsHttpFolderProbe *
rs_http_folder_probe_new (const RsHttpFolderLister *lister,
                          GObject                  *owner)
{
  RsHttpFolderProbe *probe = g_new0 (RsHttpFolderProbe, 1);

  probe->lister = lister;
  probe->owner = owner;
  g_mutex_init (&probe->lock);
  probe->parents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, parent_free);
  return probe;
}

void
rs_http_folder_probe_free (RsHttpFolderProbe *probe)
{
  if (probe == NULL)
    return;
  /* Every listing out holds the owner, which owns the probe: none is out. */
  g_hash_table_unref (probe->parents);
  g_mutex_clear (&probe->lock);
  g_free (probe);
}

static const char *
member_key (GTask *task)
{
  return g_task_get_task_data (task);
}

/* The length of the parent part of @key: up to and including its last '/'. */
static gsize
parent_length (const char *key)
{
  const char *slash = strrchr (key, '/');

  return slash != NULL ? (gsize) (slash - key) + 1 : 0;
}

/* The longest common prefix of the members' keys, cut back to a UTF-8
 * character boundary (a prefix is sent as text). */
static gsize
common_length (GPtrArray *members)
{
  const char *first = member_key (members->pdata[0]);
  gsize length = strlen (first);

  for (guint i = 1; i < members->len; i++)
    {
      const char *key = member_key (members->pdata[i]);
      gsize j = 0;

      while (j < length && key[j] == first[j])
        j++;
      length = j;
    }
  while (length > 0 && ((guchar) first[length] & 0xC0) == 0x80)
    length--;
  return length;
}

/* The folder children of @parent among @names: "parent/child/…" gives
 * "parent/child". */
static GHashTable *
folders_among (const char *parent,
               GPtrArray  *names)
{
  GHashTable *folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize skip = strlen (parent);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      const char *slash = strlen (name) > skip ? strchr (name + skip, '/') : NULL;

      if (g_str_has_prefix (name, parent) && slash != NULL && slash > name + skip)
        g_hash_table_add (folders, g_strndup (name, slash - name));
    }
  return folders;
}

/* Unless @truncated, a listing covers every name after its prefix; when
 * truncated, only names up to its last one. */
static RsHttpFolderAnswer
answer_for (const char *key,
            GHashTable *folders,
            GPtrArray  *names,
            gboolean    truncated)
{
  g_autofree char *as_folder = NULL;

  if (g_hash_table_contains (folders, key))
    return RS_HTTP_FOLDER_YES;
  if (!truncated)
    return RS_HTTP_FOLDER_NO;
  as_folder = g_strconcat (key, "/", NULL);
  if (names->len > 0 && strcmp (as_folder, names->pdata[names->len - 1]) <= 0)
    return RS_HTTP_FOLDER_NO;
  return RS_HTTP_FOLDER_UNKNOWN;
}

/* Takes the parent's waiting probes as its next batch, or forgets the
 * parent when none wait. Under the lock. */
static Batch *
next_batch_locked (RsHttpFolderProbe *probe,
                   const char        *parent_prefix)
{
  Parent *parent = g_hash_table_lookup (probe->parents, parent_prefix);
  GPtrArray *members;

  if (parent->waiting->len == 0)
    {
      g_hash_table_remove (probe->parents, parent_prefix);
      return NULL;
    }
  members = parent->waiting;
  parent->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  return batch_new (probe, parent_prefix, members);
}

static gboolean
batch_send_in_context (gpointer data)
{
  Batch *batch = data;
  GMainContext *context = g_task_get_context (batch->members->pdata[0]);

  g_main_context_push_thread_default (context);
  batch_send (batch);
  g_main_context_pop_thread_default (context);
  return G_SOURCE_REMOVE;
}

static void
batch_listed (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Batch *batch = data;
  RsHttpFolderProbe *probe = batch->probe;
  GError *error = NULL;
  gboolean truncated = FALSE;
  g_autoptr(GPtrArray) names = names_propagate (result, &truncated, &error);
  g_autoptr(GHashTable) folders = names != NULL ? folders_among (batch->parent, names) : NULL;
  Batch *next;

  g_mutex_lock (&probe->lock);
  next = next_batch_locked (probe, batch->parent);
  g_mutex_unlock (&probe->lock);
  if (next != NULL)
    g_main_context_invoke (g_task_get_context (next->members->pdata[0]), batch_send_in_context, next);

  for (guint i = 0; i < batch->members->len; i++)
    {
      GTask *task = batch->members->pdata[i];

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_int (task, answer_for (member_key (task), folders, names, truncated));
    }
  g_clear_error (&error);
  /* Last: it may drop the owner, which frees the probe. */
  batch_free (batch);
}

/* The batch's smallest key: the listing starts right after it, so "key/…"
 * names of every member follow. */
static const char *
smallest_key (GPtrArray *members)
{
  const char *smallest = member_key (members->pdata[0]);

  for (guint i = 1; i < members->len; i++)
    if (strcmp (member_key (members->pdata[i]), smallest) < 0)
      smallest = member_key (members->pdata[i]);
  return smallest;
}

static void
batch_send (Batch *batch)
{
  const char *first = member_key (batch->members->pdata[0]);
  g_autofree char *prefix = NULL;
  const char *start_after = NULL;
  guint max_names;

  if (batch->members->len == 1)
    {
      /* Alone: any name under "key/" makes it a folder. */
      prefix = g_strconcat (first, "/", NULL);
      max_names = 1;
    }
  else
    {
      /* Between the smallest and the largest key sit the members
       * themselves (a file or a folder each, at most) and whatever else
       * the folder holds there: twice the batch is room for both. */
      prefix = g_strndup (first, common_length (batch->members));
      start_after = smallest_key (batch->members);
      max_names = MIN (RS_HTTP_FOLDER_PAGE, 2 * batch->members->len + 16);
    }
  batch->probe->lister->list_async (batch->owner, prefix, start_after, max_names, batch_listed, batch);
}

void
rs_http_folder_probe_ask_async (RsHttpFolderProbe   *probe,
                                const char          *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (probe->owner, cancellable, callback, user_data);
  g_autofree char *parent_prefix = g_strndup (key, parent_length (key));
  Parent *parent;
  Batch *batch = NULL;

  g_task_set_source_tag (task, rs_http_folder_probe_ask_async);
  g_task_set_task_data (task, g_strdup (key), g_free);
  g_mutex_lock (&probe->lock);
  parent = g_hash_table_lookup (probe->parents, parent_prefix);
  if (parent != NULL)
    g_ptr_array_add (parent->waiting, task);
  else
    {
      GPtrArray *members = g_ptr_array_new_with_free_func (g_object_unref);

      parent = g_new0 (Parent, 1);
      parent->prefix = g_strdup (parent_prefix);
      parent->waiting = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (probe->parents, parent->prefix, parent);
      g_ptr_array_add (members, task);
      batch = batch_new (probe, parent_prefix, members);
    }
  g_mutex_unlock (&probe->lock);
  if (batch != NULL)
    batch_send (batch);
}

RsHttpFolderAnswer
rs_http_folder_probe_ask_finish (RsHttpFolderProbe  *probe,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  return (RsHttpFolderAnswer) g_task_propagate_int (G_TASK (result), error);
}
