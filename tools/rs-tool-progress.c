/* rs-tool-progress.c: bytes, rate and ETA on stderr, for a terminal only
 *
 * Shown only when stderr is a terminal, -q and --json are off, and the
 * transfer has lasted long enough to be worth watching; quick ones stay
 * silent. Workers add to the byte counter; the line is drawn from the
 * main context by a timer. */
#include "rs-tool-progress.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#define SHOW_AFTER_US (G_USEC_PER_SEC / 2)
#define REDRAW_MS 250

struct _RsToolProgress
{
  gint64 done;           /* bytes, added to atomically by workers */
  gint64 total;          /* bytes expected so far */
  gboolean total_known;  /* FALSE once a source of unknown size is seen */
  guint files_done;      /* added to atomically by workers */
  gint64 start;
  guint timer;
  gboolean shown;
};

static char *
format_line (RsToolProgress *self)
{
  gint64 done = __atomic_load_n (&self->done, __ATOMIC_RELAXED);
  guint files_done = __atomic_load_n (&self->files_done, __ATOMIC_RELAXED);
  double seconds = (g_get_monotonic_time () - self->start) / (double) G_USEC_PER_SEC;
  double rate = seconds > 0 ? done / seconds : 0;
  g_autofree char *done_text = g_format_size_full (done, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *rate_text = g_format_size_full ((guint64) rate, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *total_text = NULL;

  if (!self->total_known || self->total <= 0)
    /* TRANSLATORS: progress of a transfer of unknown size: bytes, rate, files */
    return g_strdup_printf (_("%s  %s/s  files: %u"), done_text, rate_text, files_done);

  total_text = g_format_size_full (self->total, G_FORMAT_SIZE_IEC_UNITS);
  if (rate > 0 && done < self->total)
    {
      gint64 eta = (gint64) ((self->total - done) / rate);

      /* TRANSLATORS: progress: done of total, percent, rate, ETA as h:mm:ss, files */
      return g_strdup_printf (_("%s of %s  %3d%%  %s/s  ETA %d:%02d:%02d  files: %u"),
                              done_text, total_text, (int) (100.0 * done / self->total),
                              rate_text, (int) (eta / 3600), (int) (eta / 60 % 60),
                              (int) (eta % 60), files_done);
    }
  return g_strdup_printf (_("%s of %s  %3d%%  %s/s  files: %u"), done_text, total_text,
                          self->total > 0 ? (int) (100.0 * done / self->total) : 100,
                          rate_text, files_done);
}

static void
draw (RsToolProgress *self)
{
  g_autofree char *line = format_line (self);

  /* Return to the start of the line and clear it before drawing. */
  fprintf (stderr, "\r\033[K%s", line);
  fflush (stderr);
  self->shown = TRUE;
}

static gboolean
tick (gpointer data)
{
  RsToolProgress *self = data;

  if (g_get_monotonic_time () - self->start >= SHOW_AFTER_US)
    draw (self);
  return G_SOURCE_CONTINUE;
}

RsToolProgress *
rs_tool_progress_new (gboolean wanted)
{
  RsToolProgress *self = g_new0 (RsToolProgress, 1);

  self->total_known = TRUE;
  self->start = g_get_monotonic_time ();
  if (wanted && isatty (STDERR_FILENO))
    self->timer = g_timeout_add (REDRAW_MS, tick, self);
  return self;
}

gint64 *
rs_tool_progress_counter (RsToolProgress *self)
{
  return &self->done;
}

/* @bytes < 0: a source of unknown size, so no percentage and no ETA. */
void
rs_tool_progress_add_total (RsToolProgress *self,
                            gint64          bytes)
{
  if (bytes < 0)
    self->total_known = FALSE;
  else
    self->total += bytes;
}

void
rs_tool_progress_file_done (RsToolProgress *self)
{
  __atomic_add_fetch (&self->files_done, 1, __ATOMIC_RELAXED);
}

/* Draws the last line and ends it, if a line was shown at all. */
void
rs_tool_progress_finish (RsToolProgress *self)
{
  if (self->timer != 0)
    g_clear_handle_id (&self->timer, g_source_remove);
  if (self->shown)
    {
      draw (self);
      fputc ('\n', stderr);
      self->shown = FALSE;
    }
}

void
rs_tool_progress_free (RsToolProgress *self)
{
  rs_tool_progress_finish (self);
  g_free (self);
}
