/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-indication"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-indication.h"

static const struct
{
  TonicIndication  indication;
  const char      *id;
  const char      *label;
} indications[] = {
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

static int
find_indication (TonicIndication indication)
{
  for (guint i = 0; i < G_N_ELEMENTS (indications); i++)
    if (indications[i].indication == indication)
      return (int) i;

  return -1;
}

GType
tonic_indication_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static GFlagsValue values[TONIC_N_INDICATIONS + 1];

      for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
        {
          values[i].value = indications[i].indication;
          values[i].value_name = indications[i].id;
          values[i].value_nick = indications[i].id;
        }
      g_once_init_leave (&type_id, g_flags_register_static ("TonicIndication", values));
    }

  return type_id;
}

TonicIndication
tonic_indication_nth (guint index)
{
  g_return_val_if_fail (index < TONIC_N_INDICATIONS, TONIC_INDICATION_NONE);

  return indications[index].indication;
}

const char *
tonic_indication_to_string (TonicIndication indication)
{
  int i = find_indication (indication);

  g_return_val_if_fail (i >= 0, NULL);

  return indications[i].id;
}

const char *
tonic_indication_get_label (TonicIndication indication)
{
  int i = find_indication (indication);

  g_return_val_if_fail (i >= 0, NULL);

  return _(indications[i].label);
}

gboolean
tonic_indication_from_string (const char      *str,
                              TonicIndication *indication)
{
  g_return_val_if_fail (indication != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (indications); i++)
    {
      if (g_str_equal (str, indications[i].id))
        {
          *indication = indications[i].indication;
          return TRUE;
        }
    }

  return FALSE;
}

char *
tonic_indication_format_mask (TonicIndication mask)
{
  GString *out;

  g_return_val_if_fail ((mask & ~TONIC_INDICATION_ALL) == 0, g_strdup (""));

  out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (indications); i++)
    {
      if ((mask & indications[i].indication) == 0)
        continue;

      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, indications[i].id);
    }

  return g_string_free (out, FALSE);
}

gboolean
tonic_indication_parse_mask (const char      *text,
                             TonicIndication *mask)
{
  g_auto(GStrv) items = NULL;
  gboolean all_known = TRUE;

  g_return_val_if_fail (mask != NULL, FALSE);

  *mask = TONIC_INDICATION_NONE;
  if (text == NULL)
    return TRUE;

  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      TonicIndication one;
      char *id = g_strstrip (items[i]);

      if (*id == '\0')
        continue;

      if (tonic_indication_from_string (id, &one))
        *mask |= one;
      else
        all_known = FALSE;
    }

  return all_known;
}

char *
tonic_indication_format_labels (TonicIndication mask)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (indications); i++)
    {
      if ((mask & indications[i].indication) == 0)
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
