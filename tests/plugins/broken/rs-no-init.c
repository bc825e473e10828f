/* rs-no-init.c: a descriptor without an init function */
#include <remotestore/remotestore.h>

RS_PLUGIN_DEFINE (no_init, "no-init", "Broken fixture: no init function", "1.0",
                  "LGPL-2.1-or-later", NULL)
