/* rs-sftp-plugin.c: the sftp plugin's descriptor */
#include <glib/gi18n-lib.h>
#include <libssh2.h>

#include "rs-sftp-backend.h"

static gboolean
sftp_plugin_init (RsPluginInfo  *plugin,
                  GError       **error)
{
  /* libssh2_init is not thread-safe; plugin init runs once, under the
   * registry's loader lock. */
  if (libssh2_init (0) != 0)
    {
      g_set_error_literal (error, RS_ERROR, RS_ERROR_PLUGIN, _("libssh2 could not be initialised"));
      return FALSE;
    }
  rs_sftp_backend_register_types ();
  rs_plugin_info_register_backend (plugin, RS_TYPE_SFTP_BACKEND);
  return TRUE;
}

RS_PLUGIN_DEFINE (sftp, "sftp", "Files on an SSH server, over SFTP", PACKAGE_VERSION,
                  "LGPL-2.1-or-later", sftp_plugin_init)
