/* test-local-common.h: fixtures for the local plugin's own tests */
#pragma once

#include <remotestore/remotestore.h>

G_BEGIN_DECLS

/* A scratch folder holding the store root "root" and a sibling "outside". */
typedef struct
{
  char *base;
  char *root;
  char *outside;
  RsStore *store;
} Fixture;

void     fixture_setup     (Fixture    *f,
                            const char *query);
void     fixture_teardown  (Fixture    *f);
RsStore *fixture_open      (Fixture    *f,
                            const char *query);
void     write_file        (const char *path,
                            const char *contents);
char    *read_file         (const char *path);
char    *list_names        (RsStore    *store,
                            const char *folder,
                            gboolean    recursive);
guint    count_temps       (const char *folder);
const char *store_detail   (RsStore    *store,
                            const char *name);

G_END_DECLS
