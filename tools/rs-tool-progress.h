/* rs-tool-progress.h: the progress line of long transfers */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RsToolProgress RsToolProgress;

RsToolProgress *rs_tool_progress_new       (gboolean        wanted);
gint64         *rs_tool_progress_counter   (RsToolProgress *self);
void            rs_tool_progress_add_total (RsToolProgress *self,
                                            gint64          bytes);
void            rs_tool_progress_file_done (RsToolProgress *self);
void            rs_tool_progress_finish    (RsToolProgress *self);
void            rs_tool_progress_free      (RsToolProgress *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsToolProgress, rs_tool_progress_free)

G_END_DECLS
