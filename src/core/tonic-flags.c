/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-flags"

#include "config.h"

#include "tonic-flags.h"

/* @values must hold @n_infos + 1 zeroed entries and live forever. */
GType
_tonic_flags_register (const char          *type_name,
                       const TonicFlagInfo *infos,
                       guint                n_infos,
                       GFlagsValue         *values)
{
  for (guint i = 0; i < n_infos; i++)
    {
      values[i].value = infos[i].value;
      values[i].value_name = infos[i].id;
      values[i].value_nick = infos[i].id;
    }

  return g_flags_register_static (type_name, values);
}

const TonicFlagInfo *
_tonic_flags_find (const TonicFlagInfo *infos,
                   guint                n_infos,
                   guint                value)
{
  for (guint i = 0; i < n_infos; i++)
    if (infos[i].value == value)
      return &infos[i];

  return NULL;
}

gboolean
_tonic_flags_from_string (const TonicFlagInfo *infos,
                          guint                n_infos,
                          const char          *str,
                          guint               *value)
{
  for (guint i = 0; str != NULL && i < n_infos; i++)
    {
      if (g_str_equal (str, infos[i].id))
        {
          *value = infos[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

char *
_tonic_flags_format_mask (const TonicFlagInfo *infos,
                          guint                n_infos,
                          guint                mask)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_infos; i++)
    {
      if ((mask & infos[i].value) == 0)
        continue;

      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, infos[i].id);
    }

  return g_string_free (out, FALSE);
}

/* Unknown ids are skipped (FALSE is returned), the known ones kept. */
gboolean
_tonic_flags_parse_mask (const TonicFlagInfo *infos,
                         guint                n_infos,
                         const char          *text,
                         guint               *mask)
{
  g_auto(GStrv) items = NULL;
  gboolean all_known = TRUE;

  *mask = 0;
  if (text == NULL)
    return TRUE;

  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *id = g_strstrip (items[i]);
      guint one;

      if (*id == '\0')
        continue;

      if (_tonic_flags_from_string (infos, n_infos, id, &one))
        *mask |= one;
      else
        all_known = FALSE;
    }

  return all_known;
}
