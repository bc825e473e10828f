/* rs-error.h: the RsError domain */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>

G_BEGIN_DECLS

/**
 * RS_ERROR:
 *
 * The error domain of libremotestore: every error an operation reports is
 * in this domain, except cancellation, which is %G_IO_ERROR_CANCELLED.
 */
#define RS_ERROR (rs_error_quark ())

/**
 * RsError:
 * @RS_ERROR_NOT_FOUND: the path does not exist
 * @RS_ERROR_ALREADY_EXISTS: the target exists and overwriting was not asked for
 * @RS_ERROR_INVALID_PATH: the path is malformed, or names the wrong kind of
 *   entry (a folder where a file is needed, the root, …)
 * @RS_ERROR_DIRECTORY_NOT_EMPTY: a non-recursive folder delete met content
 * @RS_ERROR_CAPABILITY_NOT_SUPPORTED: the backend cannot do this
 * @RS_ERROR_PERMISSION_DENIED: the backend refused access
 * @RS_ERROR_BACKEND_UNAVAILABLE: the backend is closed or unreachable
 * @RS_ERROR_RESOURCE_LOCKED: the entry is locked by someone else
 * @RS_ERROR_INVALID_ARGUMENT: an argument other than the path is invalid
 * @RS_ERROR_TIMED_OUT: a deadline passed
 * @RS_ERROR_PRECONDITION_FAILED: the entry changed under the operation
 * @RS_ERROR_PLUGIN: a plugin could not be found, loaded or initialised
 * @RS_ERROR_FAILED: any other failure
 *
 * Error codes of the %RS_ERROR domain.
 */
typedef enum
{
  RS_ERROR_NOT_FOUND,
  RS_ERROR_ALREADY_EXISTS,
  RS_ERROR_INVALID_PATH,
  RS_ERROR_DIRECTORY_NOT_EMPTY,
  RS_ERROR_CAPABILITY_NOT_SUPPORTED,
  RS_ERROR_PERMISSION_DENIED,
  RS_ERROR_BACKEND_UNAVAILABLE,
  RS_ERROR_RESOURCE_LOCKED,
  RS_ERROR_INVALID_ARGUMENT,
  RS_ERROR_TIMED_OUT,
  RS_ERROR_PRECONDITION_FAILED,
  RS_ERROR_PLUGIN,
  RS_ERROR_FAILED,
} RsError;

RS_AVAILABLE_IN_1_0
GQuark rs_error_quark (void);

G_END_DECLS
