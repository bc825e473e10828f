/* rs-sftp-session.c: connect, check the host key, log in, start SFTP
 *
 * Sessions run libssh2 in blocking mode with a timeout: the connect
 * timeout until SFTP is up, then the idle timeout, so a stalled server
 * fails a call with LIBSSH2_ERROR_TIMEOUT instead of hanging it. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "rs-sftp-session.h"
#include "rs-sftp-error.h"

static void
session_free (RsSftpSession *self)
{
  /* A dead connection must not make the goodbyes below wait for the
   * idle timeout: shut the socket so they fail at once. */
  if (g_atomic_int_get (&self->dead) && self->fd >= 0)
    shutdown (self->fd, SHUT_RDWR);
  g_clear_pointer (&self->extension, rs_sftp_extension_free);
  if (self->sftp != NULL)
    libssh2_sftp_shutdown (self->sftp);
  if (self->ssh != NULL)
    {
      if (!g_atomic_int_get (&self->dead))
        libssh2_session_disconnect (self->ssh, "closing");
      libssh2_session_free (self->ssh);
    }
  if (self->fd >= 0)
    close (self->fd);
  g_mutex_clear (&self->lock);
  g_free (self);
}

RsSftpSession *
rs_sftp_session_ref (RsSftpSession *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
rs_sftp_session_unref (RsSftpSession *self)
{
  if (g_atomic_ref_count_dec (&self->ref))
    session_free (self);
}

gboolean
rs_sftp_session_is_dead (RsSftpSession *self)
{
  return g_atomic_int_get (&self->dead) != 0;
}

void
rs_sftp_session_fail (RsSftpSession  *self,
                      GError        **error,
                      const char     *what,
                      const char     *path)
{
  int code = rs_sftp_error_set (error, self->ssh, self->sftp, what, path);

  if (rs_sftp_error_is_fatal (code))
    g_atomic_int_set (&self->dead, 1);
}

RsSftpExtension *
rs_sftp_session_get_extension (RsSftpSession  *self,
                               GError        **error)
{
  if (self->extension == NULL)
    {
      self->extension = rs_sftp_extension_open (self->ssh, error);
      if (self->extension == NULL &&
          rs_sftp_error_is_fatal (libssh2_session_last_errno (self->ssh)))
        g_atomic_int_set (&self->dead, 1);
    }
  return self->extension;
}

/* ---- TCP ---------------------------------------------------------------- */

static gboolean
wait_connected (int            fd,
                guint          timeout_ms,
                GCancellable  *cancellable,
                GError       **error,
                RsSftpConfig  *config)
{
  GPollFD fds[2] = { { fd, G_IO_OUT, 0 } };
  guint n = 1;
  int result, so_error = 0;
  socklen_t len = sizeof so_error;

  if (g_cancellable_make_pollfd (cancellable, &fds[1]))
    n = 2;
  result = g_poll (fds, n, (int) timeout_ms);
  if (n == 2)
    g_cancellable_release_fd (cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (result == 0)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_TIMED_OUT,
                   _("Could not connect to %s: no answer within %u ms"),
                   config->location, timeout_ms);
      return FALSE;
    }
  if (getsockopt (fd, SOL_SOCKET, SO_ERROR, &so_error, &len) != 0)
    so_error = errno;
  if (so_error != 0)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE,
                   _("Could not connect to %s: %s"), config->location, g_strerror (so_error));
      return FALSE;
    }
  return TRUE;
}

static int
connect_tcp (RsSftpConfig  *config,
             GCancellable  *cancellable,
             GError       **error)
{
  struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM };
  struct addrinfo *addresses = NULL;
  g_autofree char *port = g_strdup_printf ("%u", config->port);
  int status, fd = -1;

  status = getaddrinfo (config->host, port, &hints, &addresses);
  if (status != 0)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE,
                   _("Could not resolve the host of %s: %s"), config->location,
                   gai_strerror (status));
      return -1;
    }
  for (struct addrinfo *a = addresses; a != NULL; a = a->ai_next)
    {
      int one = 1, flags;

      g_clear_error (error);
      fd = socket (a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
      if (fd < 0)
        {
          g_set_error (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE,
                       _("Could not connect to %s: %s"), config->location, g_strerror (errno));
          continue;
        }
      if (connect (fd, a->ai_addr, a->ai_addrlen) != 0 &&
          (errno != EINPROGRESS ||
           !wait_connected (fd, config->connect_timeout_ms, cancellable, error, config)))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE,
                         _("Could not connect to %s: %s"), config->location, g_strerror (errno));
          close (fd);
          fd = -1;
          if (g_cancellable_is_cancelled (cancellable))
            break;
          continue;
        }
      /* libssh2 drives the socket in blocking mode with its own timeouts. */
      flags = fcntl (fd, F_GETFL);
      fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
      setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      break;
    }
  freeaddrinfo (addresses);
  return fd;
}

/* ---- host key --------------------------------------------------------- */

static int
known_host_key_type (int hostkey_type)
{
  switch (hostkey_type)
    {
    case LIBSSH2_HOSTKEY_TYPE_RSA: return LIBSSH2_KNOWNHOST_KEY_SSHRSA;
    case LIBSSH2_HOSTKEY_TYPE_DSS: return LIBSSH2_KNOWNHOST_KEY_SSHDSS;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: return LIBSSH2_KNOWNHOST_KEY_ECDSA_256;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: return LIBSSH2_KNOWNHOST_KEY_ECDSA_384;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: return LIBSSH2_KNOWNHOST_KEY_ECDSA_521;
    case LIBSSH2_HOSTKEY_TYPE_ED25519: return LIBSSH2_KNOWNHOST_KEY_ED25519;
    default: return LIBSSH2_KNOWNHOST_KEY_UNKNOWN;
    }
}

/* Trust on first use: record the key, unless another session did first. */
static gboolean
record_host_key (RsSftpConfig  *config,
                 const char    *key,
                 size_t         key_len,
                 int            key_type,
                 GError       **error)
{
  LIBSSH2_KNOWNHOSTS *hosts;
  LIBSSH2_SESSION *scratch = libssh2_session_init ();
  g_autofree char *spec = config->port == 22 ? g_strdup (config->host)
                                              : g_strdup_printf ("[%s]:%u", config->host, config->port);
  g_autofree char *folder = g_path_get_dirname (config->known_hosts);
  struct libssh2_knownhost *found = NULL;
  int check, status = 0;

  g_mutex_lock (&config->tofu_lock);
  hosts = libssh2_knownhost_init (scratch);
  libssh2_knownhost_readfile (hosts, config->known_hosts, LIBSSH2_KNOWNHOST_FILE_OPENSSH);
  check = libssh2_knownhost_checkp (hosts, config->host, (int) config->port, key, key_len,
                                    LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW,
                                    &found);
  if (check == LIBSSH2_KNOWNHOST_CHECK_NOTFOUND)
    {
      g_mkdir_with_parents (folder, 0700);
      status = libssh2_knownhost_addc (hosts, spec, NULL, key, key_len, NULL, 0,
                                       LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW |
                                       known_host_key_type (key_type), NULL);
      if (status == 0)
        status = libssh2_knownhost_writefile (hosts, config->known_hosts,
                                              LIBSSH2_KNOWNHOST_FILE_OPENSSH);
    }
  libssh2_knownhost_free (hosts);
  libssh2_session_free (scratch);
  g_mutex_unlock (&config->tofu_lock);
  if (check == LIBSSH2_KNOWNHOST_CHECK_MISMATCH)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED,
                   _("The host key of %s does not match the one recorded in %s"),
                   config->location, config->known_hosts);
      return FALSE;
    }
  if (status != 0)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_FAILED,
                   _("Could not record the host key of %s in %s"), config->location,
                   config->known_hosts);
      return FALSE;
    }
  g_debug ("sftp: recorded the host key of %s in %s", config->location, config->known_hosts);
  return TRUE;
}

static gboolean
check_host_key (RsSftpConfig     *config,
                LIBSSH2_SESSION  *ssh,
                GError          **error)
{
  size_t key_len = 0;
  int key_type = 0, check;
  const char *key = libssh2_session_hostkey (ssh, &key_len, &key_type);
  LIBSSH2_KNOWNHOSTS *hosts;
  struct libssh2_knownhost *found = NULL;

  if (config->host_key_policy == RS_SFTP_HOST_KEY_ACCEPT_ANY)
    return TRUE;
  if (key == NULL)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED,
                   _("%s presented no host key"), config->location);
      return FALSE;
    }
  hosts = libssh2_knownhost_init (ssh);
  if (libssh2_knownhost_readfile (hosts, config->known_hosts, LIBSSH2_KNOWNHOST_FILE_OPENSSH) < 0)
    g_debug ("sftp: cannot read known hosts from %s", config->known_hosts);
  check = libssh2_knownhost_checkp (hosts, config->host, (int) config->port, key, key_len,
                                    LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW,
                                    &found);
  libssh2_knownhost_free (hosts);
  switch (check)
    {
    case LIBSSH2_KNOWNHOST_CHECK_MATCH:
      return TRUE;
    case LIBSSH2_KNOWNHOST_CHECK_MISMATCH:
      g_set_error (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED,
                   _("The host key of %s does not match the one recorded in %s"),
                   config->location, config->known_hosts);
      return FALSE;
    case LIBSSH2_KNOWNHOST_CHECK_NOTFOUND:
      if (config->host_key_policy == RS_SFTP_HOST_KEY_TOFU)
        return record_host_key (config, key, key_len, key_type, error);
      g_set_error (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED,
                   _("The host key of %s is not in %s (unknown host)"),
                   config->location, config->known_hosts);
      return FALSE;
    default:
      g_set_error (error, RS_ERROR, RS_ERROR_FAILED,
                   _("Could not check the host key of %s"), config->location);
      return FALSE;
    }
}

/* ---- login ------------------------------------------------------------ */

static gboolean
login_with_agent (RsSftpConfig    *config,
                  LIBSSH2_SESSION *ssh)
{
  LIBSSH2_AGENT *agent;
  struct libssh2_agent_publickey *identity = NULL, *previous = NULL;
  gboolean done = FALSE;

  if (g_getenv ("SSH_AUTH_SOCK") == NULL || (agent = libssh2_agent_init (ssh)) == NULL)
    return FALSE;
  if (libssh2_agent_connect (agent) == 0 && libssh2_agent_list_identities (agent) == 0)
    while (!done && libssh2_agent_get_identity (agent, &identity, previous) == 0)
      {
        done = libssh2_agent_userauth (agent, config->user, identity) == 0;
        previous = identity;
      }
  libssh2_agent_disconnect (agent);
  libssh2_agent_free (agent);
  return done;
}

static gboolean
login (RsSftpConfig     *config,
       LIBSSH2_SESSION  *ssh,
       GError          **error)
{
  guint user_len = strlen (config->user);
  const char *methods = libssh2_userauth_list (ssh, config->user, user_len);
  const char *passphrase = config->passphrase != NULL ? rs_secret_reveal (config->passphrase) : NULL;

  if (methods == NULL && libssh2_userauth_authenticated (ssh))
    return TRUE;
  if (config->identity != NULL &&
      libssh2_userauth_publickey_fromfile_ex (ssh, config->user, user_len, NULL,
                                              config->identity, passphrase) == 0)
    return TRUE;
  if (config->identity != NULL)
    g_debug ("sftp: key %s refused for %s", config->identity, config->location);
  if (config->agent && login_with_agent (config, ssh))
    return TRUE;
  if (config->password != NULL &&
      libssh2_userauth_password_ex (ssh, config->user, user_len,
                                    rs_secret_reveal (config->password),
                                    strlen (rs_secret_reveal (config->password)), NULL) == 0)
    return TRUE;
  if (rs_sftp_error_is_fatal (libssh2_session_last_errno (ssh)))
    {
      rs_sftp_error_set (error, ssh, NULL, _("log in to"), config->location);
      return FALSE;
    }
  g_set_error (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED,
               _("%s refused the login (methods it offers: %s)"), config->location,
               methods != NULL ? methods : _("none"));
  return FALSE;
}

RsSftpSession *
rs_sftp_session_connect (RsSftpConfig  *config,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(RsSftpSession) self = g_new0 (RsSftpSession, 1);

  g_atomic_ref_count_init (&self->ref);
  g_mutex_init (&self->lock);
  self->fd = connect_tcp (config, cancellable, error);
  if (self->fd < 0)
    return NULL;
  self->ssh = libssh2_session_init ();
  libssh2_session_set_blocking (self->ssh, 1);
  libssh2_session_set_timeout (self->ssh, config->connect_timeout_ms);
  if (libssh2_session_handshake (self->ssh, self->fd) != 0)
    {
      g_atomic_int_set (&self->dead, 1);
      rs_sftp_error_set (error, self->ssh, NULL, _("start SSH with"), config->location);
      return NULL;
    }
  if (!check_host_key (config, self->ssh, error) || !login (config, self->ssh, error))
    return NULL;
  self->sftp = libssh2_sftp_init (self->ssh);
  if (self->sftp == NULL)
    {
      rs_sftp_session_fail (self, error, _("start SFTP on"), config->location);
      return NULL;
    }
  libssh2_session_set_timeout (self->ssh, config->idle_timeout_ms);
  if (config->keepalive_s > 0)
    libssh2_keepalive_config (self->ssh, 1, config->keepalive_s);
  g_debug ("sftp: connected to %s (cipher %s, mac %s)", config->location,
           libssh2_session_methods (self->ssh, LIBSSH2_METHOD_CRYPT_CS),
           libssh2_session_methods (self->ssh, LIBSSH2_METHOD_MAC_CS));
  return g_steal_pointer (&self);
}
