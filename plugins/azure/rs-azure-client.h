/* rs-azure-client.h: Blob service requests over the shared HTTP engine
 * (not installed) */
#pragma once

#include <rs-http.h>

#include "rs-azure-credentials.h"

G_BEGIN_DECLS

#define RS_AZURE_API_VERSION "2021-12-02"

typedef struct _RsAzureClient RsAzureClient;

RsAzureClient *rs_azure_client_new   (RsAzureCredentials *credentials,
                                      const char         *container,
                                      RsHttpEngine       *engine,
                                      GError            **error);
RsAzureClient *rs_azure_client_ref   (RsAzureClient *self);
void           rs_azure_client_unref (RsAzureClient *self);

const char    *rs_azure_client_get_container_url (RsAzureClient *self);

/* The URL of a blob as a copy source: with the SAS when the client has
 * one (the service authorises the source separately). */
char          *rs_azure_client_source_url (RsAzureClient *self,
                                           const char    *key);

/* A signed request on the container (@key NULL) or on a blob. @query is
 * already encoded ("comp=list&prefix=a%2F"), or NULL. @content_length is
 * the body's length (0 without a body). */
RsHttpRequest *rs_azure_client_request (RsAzureClient *self,
                                        const char    *method,
                                        const char    *key,
                                        const char    *query,
                                        gint64         content_length);

/* Sends @request; with @create_container, a ContainerNotFound answer
 * creates the container and sends @request once more (its body must be
 * replayable). */
void            rs_azure_client_send_async  (RsAzureClient       *self,
                                             RsHttpRequest       *request,
                                             gboolean             create_container,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
RsHttpResponse *rs_azure_client_send_finish (RsAzureClient       *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* The RsError for a non-2xx response: the service's error code decides
 * where the status alone is ambiguous. */
GError         *rs_azure_response_error     (RsHttpResponse *response);
/* x-ms-error-code of a response, or NULL. */
const char     *rs_azure_response_code      (RsHttpResponse *response);

void            rs_azure_shutdown           (RsAzureClient  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsAzureClient, rs_azure_client_unref)

G_END_DECLS
