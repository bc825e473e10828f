/* rs-sftp-pool.c: a bounded pool of SFTP sessions
 *
 * Connects are retried per the backend's RsRetryPolicy on transient
 * failures (unreachable, timed out); a refused login or host key is final.
 * A session that failed at the connection level is marked dead by whoever
 * saw it and dropped here, so the next operation connects afresh. */
#include <glib/gi18n-lib.h>

#include "rs-sftp-pool.h"

struct _RsSftpPool
{
  RsSftpConfig *config;
  guint max_sessions;
  GMutex lock;
  GCond changed;
  GPtrArray *sessions;          /* live sessions, owned */
  guint connecting;
  gboolean closed;
};

RsSftpPool *
rs_sftp_pool_new (RsSftpConfig *config,
                  guint         max_sessions)
{
  RsSftpPool *self = g_new0 (RsSftpPool, 1);

  self->config = config;
  self->max_sessions = MAX (max_sessions, 1);
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  self->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) rs_sftp_session_unref);
  return self;
}

void
rs_sftp_pool_close (RsSftpPool *self)
{
  g_autoptr(GPtrArray) sessions = NULL;

  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  while (self->connecting > 0)
    g_cond_wait (&self->changed, &self->lock);
  sessions = g_steal_pointer (&self->sessions);
  self->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) rs_sftp_session_unref);
  g_mutex_unlock (&self->lock);
}

void
rs_sftp_pool_free (RsSftpPool *self)
{
  rs_sftp_pool_close (self);
  g_ptr_array_unref (self->sessions);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  g_free (self);
}

static gboolean
is_transient (GError *error)
{
  return g_error_matches (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE) ||
         g_error_matches (error, RS_ERROR, RS_ERROR_TIMED_OUT);
}

/* Sleeps @ms unless cancelled first; FALSE when cancelled. */
static gboolean
pause_for (guint ms, GCancellable *cancellable)
{
  GPollFD fd;

  if (!g_cancellable_make_pollfd (cancellable, &fd))
    {
      g_usleep ((gulong) ms * 1000);
      return TRUE;
    }
  g_poll (&fd, 1, (int) ms);
  g_cancellable_release_fd (cancellable);
  return !g_cancellable_is_cancelled (cancellable);
}

static RsSftpSession *
connect_with_retries (RsSftpPool    *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  RsRetryPolicy *policy = self->config->retry;
  guint attempts = policy != NULL ? MAX (rs_retry_policy_get_attempts (policy), 1) : 1;
  guint deadline_ms = policy != NULL ? rs_retry_policy_get_deadline_ms (policy) : 0;
  gint64 start = g_get_monotonic_time ();

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(GError) local = NULL;
      RsSftpSession *session = rs_sftp_session_connect (self->config, cancellable, &local);
      guint delay;

      if (session != NULL)
        return session;
      delay = policy != NULL ? rs_retry_policy_get_delay_ms (policy, attempt) : 0;
      if (attempt >= attempts || !is_transient (local) ||
          (deadline_ms > 0 &&
           (g_get_monotonic_time () - start) / 1000 + delay > deadline_ms) ||
          !pause_for (delay, cancellable))
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_debug ("sftp: connect attempt %u to %s failed (%s), retrying in %u ms", attempt,
               self->config->location, local->message, delay);
    }
}

static void
drop_dead (RsSftpPool *self)
{
  for (guint i = self->sessions->len; i > 0; i--)
    if (rs_sftp_session_is_dead (g_ptr_array_index (self->sessions, i - 1)))
      g_ptr_array_remove_index_fast (self->sessions, i - 1);
}

static gboolean
closed_error (RsSftpPool *self, GError **error)
{
  g_set_error (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE,
               _("The SFTP backend %s is closed"), self->config->location);
  return FALSE;
}

/* Takes one of the pool's slots for a new session and connects it, with
 * the pool lock held on entry and on return. */
static RsSftpSession *
connect_fresh (RsSftpPool    *self,
               GCancellable  *cancellable,
               GError       **error)
{
  RsSftpSession *fresh;

  self->connecting++;
  g_mutex_unlock (&self->lock);
  fresh = connect_with_retries (self, cancellable, error);
  g_mutex_lock (&self->lock);
  self->connecting--;
  g_cond_broadcast (&self->changed);
  if (fresh == NULL)
    return NULL;
  if (self->closed)
    {
      rs_sftp_session_unref (fresh);
      closed_error (self, error);
      return NULL;
    }
  g_ptr_array_add (self->sessions, fresh);
  return fresh;
}

/* Marks @chosen used and locks it; the pool lock is held on entry. */
static RsSftpSession *
take (RsSftpPool    *self,
      RsSftpSession *chosen)
{
  chosen->users++;
  rs_sftp_session_ref (chosen);
  g_mutex_unlock (&self->lock);

  g_mutex_lock (&chosen->lock);
  if (self->config->keepalive_s > 0)
    {
      int next = 0;

      libssh2_keepalive_send (chosen->ssh, &next);
    }
  return chosen;
}

RsSftpSession *
rs_sftp_pool_acquire_spare (RsSftpPool    *self,
                            RsSftpSession *besides,
                            GCancellable  *cancellable,
                            GError       **error)
{
  RsSftpSession *chosen = NULL;

  g_mutex_lock (&self->lock);
  if (self->closed)
    {
      g_mutex_unlock (&self->lock);
      closed_error (self, error);
      return NULL;
    }
  drop_dead (self);
  for (guint i = 0; i < self->sessions->len && chosen == NULL; i++)
    {
      RsSftpSession *s = g_ptr_array_index (self->sessions, i);

      if (s != besides && s->users == 0)
        chosen = s;
    }
  if (chosen == NULL && self->sessions->len + self->connecting < self->max_sessions)
    chosen = connect_fresh (self, cancellable, error);
  if (chosen == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  return take (self, chosen);
}

RsSftpSession *
rs_sftp_pool_acquire (RsSftpPool    *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  RsSftpSession *chosen = NULL;

  g_mutex_lock (&self->lock);
  while (chosen == NULL)
    {
      RsSftpSession *least = NULL;

      if (self->closed)
        {
          g_mutex_unlock (&self->lock);
          closed_error (self, error);
          return NULL;
        }
      drop_dead (self);
      for (guint i = 0; i < self->sessions->len; i++)
        {
          RsSftpSession *s = g_ptr_array_index (self->sessions, i);

          if (least == NULL || s->users < least->users)
            least = s;
        }
      if (least != NULL && least->users == 0)
        chosen = least;
      else if (self->sessions->len + self->connecting < self->max_sessions)
        {
          chosen = connect_fresh (self, cancellable, error);
          if (chosen == NULL)
            {
              g_mutex_unlock (&self->lock);
              return NULL;
            }
        }
      else if (least != NULL)
        chosen = least;
      else
        g_cond_wait (&self->changed, &self->lock);
    }
  return take (self, chosen);
}

void
rs_sftp_pool_release (RsSftpPool    *self,
                      RsSftpSession *session)
{
  session->served++;
  g_mutex_unlock (&session->lock);
  g_mutex_lock (&self->lock);
  session->users--;
  g_mutex_unlock (&self->lock);
  rs_sftp_session_unref (session);
}

gboolean
rs_sftp_pool_enter (RsSftpPool     *self,
                    RsSftpSession  *session,
                    GError        **error)
{
  g_mutex_lock (&self->lock);
  session->users++;
  rs_sftp_session_ref (session);
  g_mutex_unlock (&self->lock);
  g_mutex_lock (&session->lock);
  if (rs_sftp_session_is_dead (session))
    {
      rs_sftp_pool_release (self, session);
      g_set_error (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE,
                   _("The connection to %s was lost"), self->config->location);
      return FALSE;
    }
  return TRUE;
}

void
rs_sftp_pool_leave (RsSftpPool    *self,
                    RsSftpSession *session)
{
  rs_sftp_pool_release (self, session);
}
