/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-plans-util"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tonic-patients-private.h"
#include "tonic-plans-private.h"

char *
_tonic_plans_format_amount (double value)
{
  char *text = g_strdup_printf ("%.2f", value);
  gsize length = strlen (text);

  /* "0.50" → "0.5", "56.00" → "56" (the decimal mark is the locale's). */
  while (length > 0 && text[length - 1] == '0')
    text[--length] = '\0';
  if (length > 0 && !g_ascii_isdigit (text[length - 1]))
    text[--length] = '\0';

  return text;
}

const char *
_tonic_plans_dose_unit (TonicDoseMode mode)
{
  return mode == TONIC_DOSE_MODE_FIXED ? _("mg") : _("mg/kg");
}

const char *
_tonic_plans_dose_mode_label (TonicDoseMode mode)
{
  return mode == TONIC_DOSE_MODE_FIXED ? _("Fixed dose in mg") : _("Body weight, in mg/kg");
}

char *
_tonic_plans_format_signature (const TonicPlan *plan)
{
  g_autofree char *when = NULL;
  const char *name;

  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->signed_at != NULL)
    {
      name = plan->signed_by_name != NULL ? plan->signed_by_name : _("a former staff member");
      when = _tonic_patients_format_moment (plan->signed_at);
      /* Translators: who signed a plan version and when, such as "Signed by
       * Sam Okonkwo on 3 Apr 2026, 14:05" */
      return g_strdup_printf (_("Signed by %s on %s"), name, when);
    }

  name = plan->created_by_name != NULL ? plan->created_by_name : _("a former staff member");
  when = _tonic_patients_format_moment (plan->created_at);
  /* Translators: who started a draft plan version and when, such as
   * "Drafted by Sam Okonkwo on 3 Apr 2026, 14:05" */
  return g_strdup_printf (_("Drafted by %s on %s"), name, when);
}
