/* rs-asyncmem-plugin.c: a test backend with asynchronous primitives only
 *
 * Every primitive, and every writer operation, is an _async/_finish pair:
 * the work runs on the backend's own I/O thread, from a timeout source on
 * that thread's main context (option `latency-ms`, default 0), and the
 * result returns to the caller's context through its GTask. No sync vfunc
 * is set, so the store's sync API reaches it only through the core's
 * private-main-context bridge. Hierarchical unless `flat=true`. */
#include "rs-memory-backend.h"
#include "rs-memory-writer.h"

#define RS_TYPE_ASYNCMEM_BACKEND (rs_asyncmem_backend_get_type ())
G_DECLARE_FINAL_TYPE (RsAsyncmemBackend, rs_asyncmem_backend, RS, ASYNCMEM_BACKEND, RsMemoryBackend)

#define RS_TYPE_ASYNCMEM_WRITER (rs_asyncmem_writer_get_type ())
G_DECLARE_FINAL_TYPE (RsAsyncmemWriter, rs_asyncmem_writer, RS, ASYNCMEM_WRITER, RsMemoryWriter)

struct _RsAsyncmemBackend
{
  RsMemoryBackend parent_instance;

  guint latency_ms;
  GMainContext *context;
  GThread *thread;
  gint quit;
};

struct _RsAsyncmemWriter
{
  RsMemoryWriter parent_instance;
};

G_DEFINE_FINAL_TYPE (RsAsyncmemBackend, rs_asyncmem_backend, RS_TYPE_MEMORY_BACKEND)
G_DEFINE_FINAL_TYPE (RsAsyncmemWriter, rs_asyncmem_writer, RS_TYPE_MEMORY_WRITER)

/* The memory backend's synchronous primitives, run on the I/O thread. */
static RsBackendClass *memory_class;

typedef enum
{
  JOB_STAT, JOB_OPEN_READ, JOB_OPEN_WRITE, JOB_DELETE_FILE, JOB_DELETE_FOLDER, JOB_LIST,
  JOB_COPY, JOB_RENAME, JOB_PING, JOB_CLOSE, JOB_WRITE, JOB_COMMIT, JOB_ABORT,
} JobKind;

typedef struct
{
  JobKind kind;
  GTask *task;
  RsBackend *backend;
  RsBackendWriter *writer;
  char *key;
  char *key2;
  char *token;
  gint64 offset;
  gint64 length;
  guint flags;
  gboolean recursive;
  GHashTable *metadata;
  const void *buffer;
  gsize count;
  char *next_token;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->key);
  g_free (job->key2);
  g_free (job->token);
  g_free (job->next_token);
  g_clear_pointer (&job->metadata, g_hash_table_unref);
  g_free (job);
}

static void
return_object (GTask  *task,
               gpointer object,
               GError  *error)
{
  if (object != NULL)
    g_task_return_pointer (task, object, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
return_boolean (GTask    *task,
                gboolean  ok,
                GError   *error)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Runs on the I/O thread. */
static gboolean
run_job (gpointer data)
{
  Job *job = data;
  GTask *task = job->task;
  GCancellable *c = g_task_get_cancellable (task);
  RsBackend *b = job->backend;
  RsMemoryWriter *w = job->writer != NULL ? RS_MEMORY_WRITER (job->writer) : NULL;
  GError *error = NULL;
  GPtrArray *page;
  gpointer object;
  gssize n;

  if (g_cancellable_set_error_if_cancelled (c, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  switch (job->kind)
    {
    case JOB_STAT:
      object = memory_class->stat_key (b, job->key, c, &error);
      return_object (task, object, error);
      break;
    case JOB_OPEN_READ:
      object = memory_class->open_read (b, job->key, job->offset, job->length, c, &error);
      return_object (task, object, error);
      break;
    case JOB_OPEN_WRITE:
      return_object (task, rs_memory_writer_new (RS_TYPE_ASYNCMEM_WRITER, b,
                                                 rs_memory_backend_get_tree (RS_MEMORY_BACKEND (b)),
                                                 job->key, job->flags, job->metadata),
                     NULL);
      break;
    case JOB_DELETE_FILE:
      return_boolean (task, memory_class->delete_file (b, job->key, c, &error), error);
      break;
    case JOB_DELETE_FOLDER:
      return_boolean (task, memory_class->delete_folder (b, job->key, job->recursive, c, &error), error);
      break;
    case JOB_LIST:
      page = memory_class->list_page (b, job->key, job->recursive, job->token, &job->next_token, c, &error);
      g_task_return_pointer (task, page, (GDestroyNotify) g_ptr_array_unref);
      break;
    case JOB_COPY:
      return_boolean (task, memory_class->copy (b, job->key, job->key2, job->flags, c, &error), error);
      break;
    case JOB_RENAME:
      return_boolean (task, memory_class->rename (b, job->key, job->key2, job->flags, c, &error), error);
      break;
    case JOB_PING:
    case JOB_CLOSE:
      g_task_return_boolean (task, TRUE);
      break;
    case JOB_WRITE:
      n = rs_memory_writer_append (w, job->buffer, job->count);
      g_task_return_int (task, n);
      break;
    case JOB_COMMIT:
      return_object (task, rs_memory_writer_finish (w, &error), error);
      break;
    case JOB_ABORT:
      rs_memory_writer_drop (w);
      g_task_return_boolean (task, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static Job *
schedule (RsAsyncmemBackend   *self,
          gpointer             source,
          JobKind              kind,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->backend = RS_BACKEND (self);
  job->writer = RS_IS_BACKEND_WRITER (source) ? source : NULL;
  job->task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_task_data (job->task, job, job_free);
  return job;
}

/* Called once the arguments are filled in: from here on the I/O thread
 * owns the job. */
static void
start_job (Job *job)
{
  RsAsyncmemBackend *self = RS_ASYNCMEM_BACKEND (job->backend);
  GSource *timeout = g_timeout_source_new (self->latency_ms);

  g_source_set_callback (timeout, run_job, job, NULL);
  g_source_attach (timeout, self->context);
  g_source_unref (timeout);
}

#define SELF RS_ASYNCMEM_BACKEND (backend)

static void
am_stat_key_async (RsBackend *backend, const char *key, int prio, GCancellable *c,
                   GAsyncReadyCallback cb, gpointer data)
{
  Job *job = schedule (SELF, backend, JOB_STAT, c, cb, data);

  job->key = g_strdup (key);
  start_job (job);
}

static RsEntry *
am_stat_key_finish (RsBackend *backend, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GInputStream *
am_open_read_finish (RsBackend *backend, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static RsBackendWriter *
am_open_write_finish (RsBackend *backend, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
am_boolean_finish (RsBackend *backend, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
am_open_read_async (RsBackend *backend, const char *key, gint64 offset, gint64 length, int prio,
                    GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  Job *job = schedule (SELF, backend, JOB_OPEN_READ, c, cb, data);

  job->key = g_strdup (key);
  job->offset = offset;
  job->length = length;
  start_job (job);
}

static void
am_open_write_async (RsBackend *backend, const char *key, RsWriteFlags flags, GHashTable *metadata,
                     int prio, GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  Job *job = schedule (SELF, backend, JOB_OPEN_WRITE, c, cb, data);

  job->key = g_strdup (key);
  job->flags = flags;
  job->metadata = metadata != NULL ? g_hash_table_ref (metadata) : NULL;
  start_job (job);
}

static void
am_delete_file_async (RsBackend *backend, const char *key, int prio, GCancellable *c,
                      GAsyncReadyCallback cb, gpointer data)
{
  Job *job = schedule (SELF, backend, JOB_DELETE_FILE, c, cb, data);

  job->key = g_strdup (key);
  start_job (job);
}

static void
am_delete_folder_async (RsBackend *backend, const char *key, gboolean recursive, int prio,
                        GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  Job *job = schedule (SELF, backend, JOB_DELETE_FOLDER, c, cb, data);

  job->key = g_strdup (key);
  job->recursive = recursive;
  start_job (job);
}

static void
am_list_page_async (RsBackend *backend, const char *prefix, gboolean recursive, const char *token,
                    int prio, GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  Job *job = schedule (SELF, backend, JOB_LIST, c, cb, data);

  job->key = g_strdup (prefix);
  job->recursive = recursive;
  job->token = g_strdup (token);
  start_job (job);
}

static GPtrArray *
am_list_page_finish (RsBackend *backend, GAsyncResult *result, char **next_token, GError **error)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  GPtrArray *page = g_task_propagate_pointer (G_TASK (result), error);

  if (page != NULL)
    *next_token = g_steal_pointer (&job->next_token);
  return page;
}

static void
am_copy_async (RsBackend *backend, const char *source, const char *destination, RsCopyFlags flags,
               int prio, GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  Job *job = schedule (SELF, backend, JOB_COPY, c, cb, data);

  job->key = g_strdup (source);
  job->key2 = g_strdup (destination);
  job->flags = flags;
  start_job (job);
}

static void
am_rename_async (RsBackend *backend, const char *source, const char *destination, RsCopyFlags flags,
                 int prio, GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  Job *job = schedule (SELF, backend, JOB_RENAME, c, cb, data);

  job->key = g_strdup (source);
  job->key2 = g_strdup (destination);
  job->flags = flags;
  start_job (job);
}

static void
am_ping_async (RsBackend *backend, int prio, GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  start_job (schedule (SELF, backend, JOB_PING, c, cb, data));
}

static void
am_close_async (RsBackend *backend, int prio, GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  start_job (schedule (SELF, backend, JOB_CLOSE, c, cb, data));
}

/* The writer: the same jobs, for the writer's own GTasks. */

#define WRITER_BACKEND(w) RS_ASYNCMEM_BACKEND (rs_backend_writer_get_backend (w))

static void
aw_write_async (RsBackendWriter *writer, const void *buffer, gsize count, int prio,
                GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  Job *job = schedule (WRITER_BACKEND (writer), writer, JOB_WRITE, c, cb, data);

  job->buffer = buffer;
  job->count = count;
  start_job (job);
}

static gssize
aw_write_finish (RsBackendWriter *writer, GAsyncResult *result, GError **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static RsWriteResult *
aw_commit_finish (RsBackendWriter *writer, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
aw_abort_finish (RsBackendWriter *writer, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
aw_commit_async (RsBackendWriter *writer, int prio, GCancellable *c, GAsyncReadyCallback cb,
                 gpointer data)
{
  start_job (schedule (WRITER_BACKEND (writer), writer, JOB_COMMIT, c, cb, data));
}

static void
aw_abort_async (RsBackendWriter *writer, int prio, GCancellable *c, GAsyncReadyCallback cb,
                gpointer data)
{
  start_job (schedule (WRITER_BACKEND (writer), writer, JOB_ABORT, c, cb, data));
}

static void
rs_asyncmem_writer_class_init (RsAsyncmemWriterClass *klass)
{
  RsBackendWriterClass *writer_class = RS_BACKEND_WRITER_CLASS (klass);

  writer_class->write = NULL;
  writer_class->commit = NULL;
  writer_class->abort = NULL;
  writer_class->write_async = aw_write_async;
  writer_class->write_finish = aw_write_finish;
  writer_class->commit_async = aw_commit_async;
  writer_class->commit_finish = aw_commit_finish;
  writer_class->abort_async = aw_abort_async;
  writer_class->abort_finish = aw_abort_finish;
}

static void
rs_asyncmem_writer_init (RsAsyncmemWriter *self)
{
}

/* The backend's I/O thread and its context. */

static gpointer
io_thread (gpointer data)
{
  RsAsyncmemBackend *self = data;

  g_main_context_push_thread_default (self->context);
  while (!g_atomic_int_get (&self->quit))
    g_main_context_iteration (self->context, TRUE);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static void
rs_asyncmem_backend_constructed (GObject *object)
{
  RsAsyncmemBackend *self = RS_ASYNCMEM_BACKEND (object);
  RsBackend *backend = RS_BACKEND (object);

  G_OBJECT_CLASS (rs_asyncmem_backend_parent_class)->constructed (object);
  rs_backend_set_facts (backend, rs_backend_get_facts (backend) & ~RS_BACKEND_FACTS_NONBLOCKING);
  self->context = g_main_context_new ();
  self->thread = g_thread_new ("asyncmem-io", io_thread, self);
}

static void
rs_asyncmem_backend_finalize (GObject *object)
{
  RsAsyncmemBackend *self = RS_ASYNCMEM_BACKEND (object);

  /* Every job holds a task, and every task a reference on us: nothing is
   * pending here. */
  g_atomic_int_set (&self->quit, 1);
  g_main_context_wakeup (self->context);
  if (self->thread != g_thread_self ())
    g_thread_join (self->thread);
  else
    g_thread_unref (self->thread);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (rs_asyncmem_backend_parent_class)->finalize (object);
}

enum { PROP_0, PROP_LATENCY_MS };

static void
rs_asyncmem_backend_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  g_value_set_uint (value, RS_ASYNCMEM_BACKEND (object)->latency_ms);
}

static void
rs_asyncmem_backend_set_property (GObject *object, guint prop_id, const GValue *value,
                                  GParamSpec *pspec)
{
  RS_ASYNCMEM_BACKEND (object)->latency_ms = g_value_get_uint (value);
}

static void
rs_asyncmem_backend_class_init (RsAsyncmemBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RsBackendClass *b = RS_BACKEND_CLASS (klass);

  memory_class = RS_BACKEND_CLASS (rs_asyncmem_backend_parent_class);

  object_class->constructed = rs_asyncmem_backend_constructed;
  object_class->finalize = rs_asyncmem_backend_finalize;
  object_class->get_property = rs_asyncmem_backend_get_property;
  object_class->set_property = rs_asyncmem_backend_set_property;
  g_object_class_install_property (object_class, PROP_LATENCY_MS,
    g_param_spec_uint ("latency-ms", NULL, "Delay before each operation runs, in milliseconds",
                       0, 10000, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  b->name = "asyncmem";
  b->stat_key = NULL;
  b->open_read = NULL;
  b->open_write = NULL;
  b->delete_file = NULL;
  b->delete_folder = NULL;
  b->list_page = NULL;
  b->copy = NULL;
  b->rename = NULL;
  b->folder_stats = NULL;
  b->ping = NULL;
  b->close = NULL;

  b->stat_key_async = am_stat_key_async;
  b->stat_key_finish = am_stat_key_finish;
  b->open_read_async = am_open_read_async;
  b->open_read_finish = am_open_read_finish;
  b->open_write_async = am_open_write_async;
  b->open_write_finish = am_open_write_finish;
  b->delete_file_async = am_delete_file_async;
  b->delete_file_finish = am_boolean_finish;
  b->delete_folder_async = am_delete_folder_async;
  b->delete_folder_finish = am_boolean_finish;
  b->list_page_async = am_list_page_async;
  b->list_page_finish = am_list_page_finish;
  b->copy_async = am_copy_async;
  b->copy_finish = am_boolean_finish;
  b->rename_async = am_rename_async;
  b->rename_finish = am_boolean_finish;
  b->ping_async = am_ping_async;
  b->ping_finish = am_boolean_finish;
  b->close_async = am_close_async;
  b->close_finish = am_boolean_finish;
}

static void
rs_asyncmem_backend_init (RsAsyncmemBackend *self)
{
}

static gboolean
asyncmem_plugin_init (RsPluginInfo  *plugin,
                      GError       **error)
{
  rs_plugin_info_register_backend (plugin, RS_TYPE_ASYNCMEM_BACKEND);
  return TRUE;
}

RS_PLUGIN_DEFINE (asyncmem, "asyncmem", "Test backend: asynchronous primitives only", "1.0",
                  "LGPL-2.1-or-later", asyncmem_plugin_init)
