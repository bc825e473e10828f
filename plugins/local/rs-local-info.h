/* rs-local-info.h: file infos and write results from a struct stat
 * (not installed) */
#pragma once

#include <sys/stat.h>
#include <remotestore/remotestore.h>

G_BEGIN_DECLS

char      *rs_local_info_etag        (const struct stat *st);
GDateTime *rs_local_info_modified    (const struct stat *st);
RsEntry   *rs_local_info_new         (const char        *key,
                                      const struct stat *st,
                                      GHashTable        *metadata);
void       rs_local_info_fill_result (RsWriteResult     *result,
                                      const struct stat *st,
                                      GHashTable        *metadata);

G_END_DECLS
