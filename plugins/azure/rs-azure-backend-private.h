/* rs-azure-backend-private.h: the backend's state, shared by the files
 * that build it and its options (not installed) */
#pragma once

#include "rs-azure-backend.h"

G_BEGIN_DECLS

struct _RsAzureBackend
{
  RsBackend parent_instance;

  char *container;
  RsAzureCredentials options;
  RsSecret *key;
  RsSecret *sas;
  RsSecret *connection_string;
  guint block_size;
  guint concurrency;
  guint page_size;
  guint max_connections;
  RsAzureClient *client;
  RsHttpFolderProbe *folder_probe;
};

/* Installs the GObject properties (the options) on the class. */
void rs_azure_backend_install_properties (GObjectClass *object_class);

G_END_DECLS
