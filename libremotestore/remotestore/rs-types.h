/* rs-types.h: enumerations and flags shared by the whole API */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <glib-object.h>
#include <gio/gio.h>
#include <remotestore/rs-version.h>

G_BEGIN_DECLS

/**
 * RsCapabilities:
 * @RS_CAPABILITY_NONE: nothing
 * @RS_CAPABILITY_READ: files can be read
 * @RS_CAPABILITY_WRITE: files can be written
 * @RS_CAPABILITY_DELETE: files and folders can be deleted
 * @RS_CAPABILITY_LIST: folders can be listed (also enables the core's glob)
 * @RS_CAPABILITY_MOVE: files can be moved
 * @RS_CAPABILITY_COPY: files can be copied
 * @RS_CAPABILITY_ATOMIC_WRITE: writes with %RS_WRITE_ATOMIC never expose a
 *   partial file
 * @RS_CAPABILITY_ATOMIC_MOVE: readers never see an intermediate state of a move
 * @RS_CAPABILITY_GLOB: the backend has a native (faster) glob matcher
 * @RS_CAPABILITY_METADATA: file infos carry system metadata (etag, content type…)
 * @RS_CAPABILITY_USER_METADATA: files carry user metadata (string → string)
 * @RS_CAPABILITY_WRITE_RESULT_NATIVE: write results carry the server's etag,
 *   version id and modification time
 * @RS_CAPABILITY_LAZY_READ: read streams fetch data on demand
 * @RS_CAPABILITY_SEEKABLE_READ: read streams implement #GSeekable
 * @RS_CAPABILITY_NATIVE_ASYNC: the async API takes no thread per operation
 *
 * What a backend, and so a store on it, can do. Every operation checks its
 * capability before touching the backend and fails with
 * %RS_ERROR_CAPABILITY_NOT_SUPPORTED when it is missing.
 */
typedef enum /*< flags >*/
{
  RS_CAPABILITY_NONE = 0,
  RS_CAPABILITY_READ = 1 << 0,
  RS_CAPABILITY_WRITE = 1 << 1,
  RS_CAPABILITY_DELETE = 1 << 2,
  RS_CAPABILITY_LIST = 1 << 3,
  RS_CAPABILITY_MOVE = 1 << 4,
  RS_CAPABILITY_COPY = 1 << 5,
  RS_CAPABILITY_ATOMIC_WRITE = 1 << 6,
  RS_CAPABILITY_ATOMIC_MOVE = 1 << 7,
  RS_CAPABILITY_GLOB = 1 << 8,
  RS_CAPABILITY_METADATA = 1 << 9,
  RS_CAPABILITY_USER_METADATA = 1 << 10,
  RS_CAPABILITY_WRITE_RESULT_NATIVE = 1 << 11,
  RS_CAPABILITY_LAZY_READ = 1 << 12,
  RS_CAPABILITY_SEEKABLE_READ = 1 << 13,
  RS_CAPABILITY_NATIVE_ASYNC = 1 << 14,
} RsCapabilities;

/**
 * RsWriteFlags:
 * @RS_WRITE_NONE: create the file; fail with %RS_ERROR_ALREADY_EXISTS if it exists
 * @RS_WRITE_OVERWRITE: replace an existing file
 * @RS_WRITE_ATOMIC: readers never see a partial file, and a failed or
 *   cancelled write leaves the target as it was (needs
 *   %RS_CAPABILITY_ATOMIC_WRITE)
 *
 * Flags for writes.
 */
typedef enum /*< flags >*/
{
  RS_WRITE_NONE = 0,
  RS_WRITE_OVERWRITE = 1 << 0,
  RS_WRITE_ATOMIC = 1 << 1,
} RsWriteFlags;

/**
 * RsDeleteFlags:
 * @RS_DELETE_NONE: fail with %RS_ERROR_NOT_FOUND when the path is missing
 * @RS_DELETE_MISSING_OK: a missing path is not an error
 * @RS_DELETE_RECURSIVE: delete a folder with everything under it
 *
 * Flags for rs_store_delete() and rs_store_delete_folder().
 */
typedef enum /*< flags >*/
{
  RS_DELETE_NONE = 0,
  RS_DELETE_MISSING_OK = 1 << 0,
  RS_DELETE_RECURSIVE = 1 << 1,
} RsDeleteFlags;

/**
 * RsListFlags:
 * @RS_LIST_NONE: list the folder's own files
 * @RS_LIST_RECURSIVE: list every file under the folder
 *
 * Flags for rs_store_list_files().
 */
typedef enum /*< flags >*/
{
  RS_LIST_NONE = 0,
  RS_LIST_RECURSIVE = 1 << 0,
} RsListFlags;

/**
 * RsCopyFlags:
 * @RS_COPY_NONE: fail with %RS_ERROR_ALREADY_EXISTS if the destination exists
 * @RS_COPY_OVERWRITE: replace an existing destination file
 *
 * Flags for rs_store_copy() and rs_store_move().
 */
typedef enum /*< flags >*/
{
  RS_COPY_NONE = 0,
  RS_COPY_OVERWRITE = 1 << 0,
} RsCopyFlags;

/**
 * RsResultSource:
 * @RS_RESULT_SOURCE_NATIVE: fields come from the backend's write response
 * @RS_RESULT_SOURCE_BASIC: only the path and size are known
 * @RS_RESULT_SOURCE_SIDECAR: built from a later file info (rs_store_head())
 *
 * Where the fields of an #RsWriteResult come from.
 */
typedef enum
{
  RS_RESULT_SOURCE_NATIVE,
  RS_RESULT_SOURCE_BASIC,
  RS_RESULT_SOURCE_SIDECAR,
} RsResultSource;

/**
 * RsBackendFacts:
 * @RS_BACKEND_FACTS_NONE: a hierarchical namespace with nothing special
 * @RS_BACKEND_FACTS_FLAT_NAMESPACE: folders are virtual (key prefixes): a
 *   folder exists only while something is under it, and a file and a folder
 *   may share a name
 * @RS_BACKEND_FACTS_ATOMIC_PUT: every write is atomic, with or without
 *   %RS_WRITE_ATOMIC
 * @RS_BACKEND_FACTS_TERMINAL_CLOSE: after close the backend refuses every
 *   operation
 * @RS_BACKEND_FACTS_NONBLOCKING: the synchronous primitives never block (an
 *   in-process backend): the async API runs them inline, without a thread
 * @RS_BACKEND_FACTS_EXCLUSIVE_CREATE: a write without %RS_WRITE_OVERWRITE
 *   fails with %RS_ERROR_ALREADY_EXISTS when the key exists, checked
 *   atomically by the service (`If-None-Match: *`); for small whole-body
 *   writes the core then skips its own existence probe. A backend may
 *   clear it at run time when the service turns out not to honour it
 *
 * Facts a backend declares about itself; the store derives behaviour from
 * them so that no backend re-implements a rule.
 */
typedef enum /*< flags >*/
{
  RS_BACKEND_FACTS_NONE = 0,
  RS_BACKEND_FACTS_FLAT_NAMESPACE = 1 << 0,
  RS_BACKEND_FACTS_ATOMIC_PUT = 1 << 1,
  RS_BACKEND_FACTS_TERMINAL_CLOSE = 1 << 2,
  RS_BACKEND_FACTS_NONBLOCKING = 1 << 3,
  RS_BACKEND_FACTS_EXCLUSIVE_CREATE = 1 << 4,
} RsBackendFacts;

typedef struct _RsStore RsStore;
typedef struct _RsBackend RsBackend;
typedef struct _RsBackendWriter RsBackendWriter;
typedef struct _RsEntry RsEntry;
typedef struct _RsFileInfo RsFileInfo;
typedef struct _RsFolderEntry RsFolderEntry;
typedef struct _RsFolderInfo RsFolderInfo;
typedef struct _RsWriteResult RsWriteResult;
typedef struct _RsResolutionPlan RsResolutionPlan;
typedef struct _RsEnumerator RsEnumerator;
typedef struct _RsRegistry RsRegistry;
typedef struct _RsPluginInfo RsPluginInfo;
typedef struct _RsRetryPolicy RsRetryPolicy;
typedef struct _RsSecret RsSecret;

G_END_DECLS
