/* rs-lister.h: the listing engine behind every enumeration (private)
 *
 * SEMANTICS.md rules 17–20 in one place: walks a folder page by page,
 * breadth-first through `list_page` without recursion, or with the
 * backend's recursive listing when every depth is wanted; keeps results
 * strictly under the folder, applies the depth limit, the basename
 * pattern or the glob, and rewrites keys into store paths. A missing
 * folder is empty; once a page of a folder has arrived, a later failure
 * is an error. */
#pragma once

#include "rs-op.h"

G_BEGIN_DECLS

typedef struct
{
  RsStore *store;
  gboolean files;
  gboolean folders;
  int max_depth;            /* -1: no limit */
  gboolean backend_recursive;
  char *base_key;
  char *pattern;
  char **glob;

  GQueue todo;              /* RsListerFolder * */
  char *cur_key;
  int cur_depth;
  char *token;
  gboolean cur_has_page;

  GQueue ready;             /* RsEntry *, store paths */
  gboolean done;
} RsLister;

RS_INTERNAL void     rs_lister_init    (RsLister   *lister,
                                        RsStore    *store,
                                        const char *path,
                                        gboolean    files,
                                        gboolean    folders,
                                        int         max_depth,
                                        const char *pattern,
                                        char      **glob);
RS_INTERNAL void     rs_lister_clear   (RsLister   *lister);
RS_INTERNAL gboolean rs_lister_prepare (RsLister   *lister,
                                        RsOp       *op);
RS_INTERNAL gboolean rs_lister_consume (RsLister   *lister,
                                        RsOp       *op);
RS_INTERNAL RsEntry *rs_lister_pop     (RsLister   *lister);

G_END_DECLS
