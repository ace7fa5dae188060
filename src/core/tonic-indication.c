/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-indication"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-flags.h"
#include "tonic-indication.h"

static const TonicFlagInfo indications[] = {
  { TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION, "treatment-resistant-depression",
    N_("Treatment-resistant depression") },
  { TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER, "major-depressive-disorder",
    N_("Major depressive disorder") },
  { TONIC_INDICATION_BIPOLAR_DEPRESSION, "bipolar-depression", N_("Bipolar depression") },
  { TONIC_INDICATION_ANXIETY, "anxiety", N_("Anxiety disorder") },
  /* Translators: post-traumatic stress disorder; use your language's usual abbreviation. */
  { TONIC_INDICATION_PTSD, "ptsd", N_("PTSD") },
  { TONIC_INDICATION_SUICIDAL_IDEATION, "suicidal-ideation", N_("Suicidal ideation") },
  { TONIC_INDICATION_CHRONIC_PAIN, "chronic-pain", N_("Chronic pain") },
  /* Translators: obsessive-compulsive disorder; use your language's usual abbreviation. */
  { TONIC_INDICATION_OCD, "ocd", N_("OCD") },
  { TONIC_INDICATION_SUBSTANCE_USE, "substance-use", N_("Substance use disorder") },
  { TONIC_INDICATION_OTHER, "other", N_("Other") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (indications) == TONIC_N_INDICATIONS);

GType
tonic_indication_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static GFlagsValue values[TONIC_N_INDICATIONS + 1];

      g_once_init_leave (&type_id, _tonic_flags_register ("TonicIndication", indications,
                                                          G_N_ELEMENTS (indications), values));
    }

  return type_id;
}

TonicIndication
tonic_indication_nth (guint index)
{
  g_return_val_if_fail (index < TONIC_N_INDICATIONS, TONIC_INDICATION_NONE);

  return indications[index].value;
}

const char *
tonic_indication_to_string (TonicIndication indication)
{
  const TonicFlagInfo *info =
    _tonic_flags_find (indications, G_N_ELEMENTS (indications), indication);

  g_return_val_if_fail (info != NULL, NULL);

  return info->id;
}

const char *
tonic_indication_get_label (TonicIndication indication)
{
  const TonicFlagInfo *info =
    _tonic_flags_find (indications, G_N_ELEMENTS (indications), indication);

  g_return_val_if_fail (info != NULL, NULL);

  return _(info->label);
}

gboolean
tonic_indication_from_string (const char      *str,
                              TonicIndication *indication)
{
  guint value;

  g_return_val_if_fail (indication != NULL, FALSE);

  if (!_tonic_flags_from_string (indications, G_N_ELEMENTS (indications), str, &value))
    return FALSE;

  *indication = value;
  return TRUE;
}

char *
tonic_indication_format_mask (TonicIndication mask)
{
  g_return_val_if_fail ((mask & ~TONIC_INDICATION_ALL) == 0, g_strdup (""));

  return _tonic_flags_format_mask (indications, G_N_ELEMENTS (indications), mask);
}

gboolean
tonic_indication_parse_mask (const char      *text,
                             TonicIndication *mask)
{
  guint value;
  gboolean all_known;

  g_return_val_if_fail (mask != NULL, FALSE);

  all_known = _tonic_flags_parse_mask (indications, G_N_ELEMENTS (indications), text, &value);
  *mask = value;
  return all_known;
}

char *
tonic_indication_format_labels (TonicIndication mask)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (indications); i++)
    {
      if ((mask & indications[i].value) == 0)
        continue;

      if (out->len > 0)
        /* Translators: between the items of a list, as in "PTSD, Chronic pain". */
        g_string_append (out, C_("list separator", ", "));
      g_string_append (out, _(indications[i].label));
    }

  return g_string_free (out, FALSE);
}

gboolean
tonic_indication_needs_suicide_screen (TonicIndication mask)
{
  return (mask & (TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION |
                  TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER |
                  TONIC_INDICATION_BIPOLAR_DEPRESSION |
                  TONIC_INDICATION_SUICIDAL_IDEATION)) != 0;
}
