/* rs-memory-tree.h: an in-memory file tree, thread-safe (not installed)
 *
 * The storage of the memory plugin, also linked into the test plugins of
 * tests/plugins/. Hierarchical trees keep explicit folder nodes (like a
 * file system); flat trees keep files only, folders being key prefixes
 * (like S3). Every call takes the tree's lock and is atomic. */
#pragma once

#include <remotestore/remotestore.h>

G_BEGIN_DECLS

typedef struct _RsMemoryTree RsMemoryTree;

RsMemoryTree  *rs_memory_tree_new           (gboolean       flat);
RsMemoryTree  *rs_memory_tree_get_named     (const char    *name,
                                             gboolean       flat);
RsMemoryTree  *rs_memory_tree_ref           (RsMemoryTree  *tree);
void           rs_memory_tree_unref         (RsMemoryTree  *tree);
gboolean       rs_memory_tree_is_flat       (RsMemoryTree  *tree);

RsEntry       *rs_memory_tree_stat          (RsMemoryTree  *tree,
                                             const char    *key,
                                             GError       **error);
RsEntry       *rs_memory_tree_stat_folder   (RsMemoryTree  *tree,
                                             const char    *key,
                                             GError       **error);
GBytes        *rs_memory_tree_get           (RsMemoryTree  *tree,
                                             const char    *key,
                                             GError       **error);
RsWriteResult *rs_memory_tree_put           (RsMemoryTree  *tree,
                                             const char    *key,
                                             GBytes        *data,
                                             GHashTable    *metadata,
                                             gboolean       create_only,
                                             GError       **error);
gboolean       rs_memory_tree_delete_file   (RsMemoryTree  *tree,
                                             const char    *key,
                                             GError       **error);
gboolean       rs_memory_tree_delete_folder (RsMemoryTree  *tree,
                                             const char    *key,
                                             gboolean       recursive,
                                             GError       **error);
GPtrArray     *rs_memory_tree_list          (RsMemoryTree  *tree,
                                             const char    *prefix,
                                             gboolean       recursive,
                                             const char    *token,
                                             guint          page_size,
                                             char         **next_token);
gboolean       rs_memory_tree_transfer      (RsMemoryTree  *tree,
                                             const char    *source,
                                             const char    *destination,
                                             gboolean       overwrite,
                                             gboolean       remove_source,
                                             GError       **error);
RsFolderInfo  *rs_memory_tree_folder_stats  (RsMemoryTree  *tree,
                                             const char    *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsMemoryTree, rs_memory_tree_unref)

G_END_DECLS
