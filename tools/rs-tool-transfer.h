/* rs-tool-transfer.h: copies and moves, several files in flight */
#pragma once

#include "rs-tool.h"
#include "rs-tool-progress.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean move;            /* delete each source once it is copied */
  RsWriteFlags write_flags; /* RS_WRITE_OVERWRITE, RS_WRITE_ATOMIC */
  guint jobs;               /* files in flight */
} RsToolTransferOptions;

typedef struct _RsToolTransfer RsToolTransfer;

RsToolTransfer *rs_tool_transfer_new        (RsStore                     *source,
                                             RsStore                     *destination,
                                             const RsToolTransferOptions *options,
                                             RsToolProgress              *progress);
void            rs_tool_transfer_add_file   (RsToolTransfer *self,
                                             const char     *source_key,
                                             const char     *destination_key,
                                             gint64          size,
                                             GHashTable     *metadata);
void            rs_tool_transfer_add_stream (RsToolTransfer *self,
                                             GInputStream   *content,
                                             const char     *what,
                                             const char     *destination_key);
void            rs_tool_transfer_add_tree   (RsToolTransfer *self,
                                             RsEnumerator   *files,
                                             const char     *source_prefix,
                                             const char     *destination_prefix);
guint           rs_tool_transfer_run        (RsToolTransfer *self);
guint64         rs_tool_transfer_get_files  (RsToolTransfer *self);
gint64          rs_tool_transfer_get_bytes  (RsToolTransfer *self);
void            rs_tool_transfer_free       (RsToolTransfer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsToolTransfer, rs_tool_transfer_free)

G_END_DECLS
