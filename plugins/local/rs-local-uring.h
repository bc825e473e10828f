/* rs-local-uring.h: one io_uring and its completion thread (not installed) */
#pragma once

#include "rs-local-engine.h"

G_BEGIN_DECLS

typedef struct _RsLocalUring RsLocalUring;

RsLocalUring *rs_local_uring_new   (guint               entries,
                                    GError            **error);
void          rs_local_uring_free  (RsLocalUring       *ring);
void          rs_local_uring_submit (RsLocalUring      *ring,
                                    gboolean            write,
                                    int                 fd,
                                    void               *buffer,
                                    gsize               count,
                                    gint64              offset,
                                    RsLocalEngineDone   done,
                                    gpointer            user_data);

G_END_DECLS
