/* rs-private.h: internals shared inside libremotestore-1.so (never installed) */
#pragma once

#include <string.h>
#include <glib/gi18n-lib.h>

#include "remotestore/remotestore.h"

G_BEGIN_DECLS

/* A symbol visible to the library's own objects but never exported. */
#define RS_INTERNAL __attribute__((visibility ("hidden")))

/* rs-util.c */
RS_INTERNAL void        rs_set_str                   (char       **slot,
                                                      const char  *value);
RS_INTERNAL int         rs_compare_strings_indirect  (gconstpointer a,
                                                      gconstpointer b);
RS_INTERNAL GHashTable *rs_metadata_copy             (GHashTable  *metadata);

/* rs-error.c */
RS_INTERNAL int         rs_error_code_from_io_error  (int code);

/* rs-entry.c, rs-folder-info.c, rs-write-result.c: the store rewrites
 * backend keys into store paths in place. */
RS_INTERNAL void rs_entry_set_path             (RsEntry        *self,
                                                const char     *path);
RS_INTERNAL void rs_folder_info_set_path       (RsFolderInfo   *self,
                                                const char     *path);
RS_INTERNAL void rs_write_result_set_path      (RsWriteResult  *self,
                                                const char     *path);
RS_INTERNAL void rs_write_result_set_source    (RsWriteResult  *self,
                                                RsResultSource  source);
RS_INTERNAL void rs_write_result_set_size      (RsWriteResult  *self,
                                                gint64          size);
RS_INTERNAL void rs_write_result_clear_native  (RsWriteResult  *self);

/* rs-resolution-plan.c */
RS_INTERNAL RsResolutionPlan *rs_resolution_plan_new (const char *kind,
                                                      const char *backend,
                                                      const char *key,
                                                      const char *native_path,
                                                      GHashTable *details);

/* rs-path.c: SEMANTICS.md rules 1–2 */
RS_INTERNAL char       *rs_path_normalize            (const char  *path,
                                                      const char **reason);
RS_INTERNAL char       *rs_path_join                 (const char  *base,
                                                      const char  *path);
RS_INTERNAL const char *rs_path_strip_base           (const char  *base,
                                                      const char  *key);
RS_INTERNAL char       *rs_path_parent               (const char  *key);
RS_INTERNAL guint       rs_path_count_segments       (const char  *path);

/* rs-pattern.c: shell-style matching (SEMANTICS.md rules 18, 20) */
RS_INTERNAL gboolean    rs_pattern_match_segment     (const char  *pattern,
                                                      const char  *name);
RS_INTERNAL gboolean    rs_pattern_has_wildcard      (const char  *segment);
RS_INTERNAL gboolean    rs_glob_match                (char       **segments,
                                                      const char  *path);
RS_INTERNAL gboolean    rs_glob_may_contain          (char       **segments,
                                                      const char  *folder);

/* rs-metadata.c: SEMANTICS.md rule 7 */
RS_INTERNAL gboolean    rs_metadata_validate         (GHashTable  *metadata,
                                                      const char **reason);

/* rs-backend.c */
RS_INTERNAL void        rs_backend_mark_closed       (RsBackend   *self);

G_END_DECLS
