/* rs-error.c: the RsError domain and the mapping of foreign errors */
#include "config.h"

#include "rs-private.h"

/**
 * rs_error_quark:
 *
 * The quark of the %RS_ERROR domain.
 *
 * Returns: the quark
 */
G_DEFINE_QUARK (rs-error-quark, rs_error)

/* GIO codes a backend is likely to hand us, and what they mean here. */
int
rs_error_code_from_io_error (int code)
{
  switch (code)
    {
    case G_IO_ERROR_NOT_FOUND:
      return RS_ERROR_NOT_FOUND;
    case G_IO_ERROR_EXISTS:
      return RS_ERROR_ALREADY_EXISTS;
    case G_IO_ERROR_IS_DIRECTORY:
    case G_IO_ERROR_NOT_DIRECTORY:
    case G_IO_ERROR_INVALID_FILENAME:
    case G_IO_ERROR_FILENAME_TOO_LONG:
      return RS_ERROR_INVALID_PATH;
    case G_IO_ERROR_NOT_EMPTY:
      return RS_ERROR_DIRECTORY_NOT_EMPTY;
    case G_IO_ERROR_NOT_SUPPORTED:
      return RS_ERROR_CAPABILITY_NOT_SUPPORTED;
    case G_IO_ERROR_PERMISSION_DENIED:
    case G_IO_ERROR_READ_ONLY:
      return RS_ERROR_PERMISSION_DENIED;
    case G_IO_ERROR_HOST_NOT_FOUND:
    case G_IO_ERROR_HOST_UNREACHABLE:
    case G_IO_ERROR_NETWORK_UNREACHABLE:
    case G_IO_ERROR_CONNECTION_REFUSED:
    case G_IO_ERROR_BROKEN_PIPE:
    case G_IO_ERROR_NOT_CONNECTED:
    case G_IO_ERROR_CLOSED:
      return RS_ERROR_BACKEND_UNAVAILABLE;
    case G_IO_ERROR_BUSY:
      return RS_ERROR_RESOURCE_LOCKED;
    case G_IO_ERROR_INVALID_ARGUMENT:
    case G_IO_ERROR_INVALID_DATA:
      return RS_ERROR_INVALID_ARGUMENT;
    case G_IO_ERROR_TIMED_OUT:
      return RS_ERROR_TIMED_OUT;
    case G_IO_ERROR_WRONG_ETAG:
      return RS_ERROR_PRECONDITION_FAILED;
    default:
      return RS_ERROR_FAILED;
    }
}
