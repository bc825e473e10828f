/* rs-memory-type.h: type registration for the embeddable memory core
 * (not installed)
 *
 * The memory core is a static library linked into the memory plugin and
 * into the test plugins of tests/plugins/, and every module that embeds it
 * registers its own copy of its types. Two such modules loaded side by
 * side must not register one type name twice, so the first takes the
 * plain name and later ones a numbered one ("RsMemoryBackend2", …). Each
 * module registers its core types from its plugin init, which the
 * registry runs under its loader lock, so names are picked one at a time.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

const char *rs_memory_type_name (const char *base);

/* G_DEFINE_TYPE_WITH_CODE plus a private struct, with the name from
 * rs_memory_type_name(). */
#define RS_MEMORY_DEFINE_TYPE_WITH_PRIVATE(TN, t_n, T_P, _C_)                                 \
  static void     t_n##_init (TN *self);                                                     \
  static void     t_n##_class_init (TN##Class *klass);                                       \
  static gpointer t_n##_parent_class = NULL;                                                 \
  static gint     TN##_private_offset;                                                       \
  static void                                                                                \
  t_n##_class_intern_init (gpointer klass)                                                   \
  {                                                                                          \
    t_n##_parent_class = g_type_class_peek_parent (klass);                                   \
    g_type_class_adjust_private_offset (klass, &TN##_private_offset);                        \
    t_n##_class_init ((TN##Class *) klass);                                                  \
  }                                                                                          \
  static inline gpointer                                                                     \
  t_n##_get_instance_private (TN *self)                                                      \
  {                                                                                          \
    return G_STRUCT_MEMBER_P (self, TN##_private_offset);                                    \
  }                                                                                          \
  GType                                                                                      \
  t_n##_get_type (void)                                                                      \
  {                                                                                          \
    static gsize type_id = 0;                                                                \
    if (g_once_init_enter (&type_id))                                                        \
      {                                                                                      \
        GType type = g_type_register_static_simple (T_P, rs_memory_type_name (#TN),          \
                                                    sizeof (TN##Class),                      \
                                                    (GClassInitFunc) (void (*) (void))       \
                                                      t_n##_class_intern_init,               \
                                                    sizeof (TN),                             \
                                                    (GInstanceInitFunc) (void (*) (void))    \
                                                      t_n##_init,                            \
                                                    0);                                      \
        TN##_private_offset = g_type_add_instance_private (type, sizeof (TN##Private));      \
        { _C_; }                                                                             \
        g_once_init_leave (&type_id, type);                                                  \
      }                                                                                      \
    return type_id;                                                                          \
  }

G_END_DECLS
