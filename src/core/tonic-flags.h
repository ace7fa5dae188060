/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Internal to core: the shared workings of flag sets that are stored as a
 * comma-separated list of stable ids (indications, drug classes). */
typedef struct
{
  guint       value;
  const char *id;
  const char *label;  /* N_() */
} TonicFlagInfo;

GType        _tonic_flags_register    (const char          *type_name,
                                       const TonicFlagInfo *infos,
                                       guint                n_infos,
                                       GFlagsValue         *values);
const TonicFlagInfo *_tonic_flags_find (const TonicFlagInfo *infos,
                                       guint                n_infos,
                                       guint                value);
gboolean     _tonic_flags_from_string (const TonicFlagInfo *infos,
                                       guint                n_infos,
                                       const char          *str,
                                       guint               *value);
char        *_tonic_flags_format_mask (const TonicFlagInfo *infos,
                                       guint                n_infos,
                                       guint                mask);
gboolean     _tonic_flags_parse_mask  (const TonicFlagInfo *infos,
                                       guint                n_infos,
                                       const char          *text,
                                       guint               *mask);

G_END_DECLS
